namespace ImContacts.Model
{
    /// <summary>The syntax check the server makes on a distribution group's address, made before anything is sent.</summary>
    public static class DistributionGroupAddress
    {
        public static string Check(string value)
        {
            var trimmed = value?.Trim() ?? string.Empty;
            return MailboxAddress.IsBareAddress(trimmed)
                ? trimmed
                : throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImDistributionGroupSmtpAddress",
                    $"-SmtpAddress '{value}' is not an SMTP address such as sales@contoso.com. Nothing was sent.", null);
        }
    }
}
