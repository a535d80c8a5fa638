using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class MailboxColumnsTests
{
    private static (string, string, bool)? Find(params (string Column, string? Value)[] row) =>
        MailboxColumns.Find(name => row.FirstOrDefault(c => c.Column == name).Value);

    [Fact]
    public void An_address_column_is_taken_before_one_that_only_names_the_user()
    {
        Assert.Equal(("PrimarySmtpAddress", "ana@contoso.com", true),
            Find(("UserPrincipalName", "ana@corp.contoso.com"), ("WindowsEmailAddress", "a@contoso.com"), ("PrimarySmtpAddress", "ana@contoso.com")));
        Assert.Equal(("mail", "lee@contoso.com", true), Find(("SamAccountName", "lee"), ("mail", "lee@contoso.com")));
    }

    [Fact]
    public void Blank_columns_count_as_absent_and_a_user_name_alone_is_not_usable()
    {
        Assert.Equal(("UserPrincipalName", "kim@corp.contoso.com", false), Find(("PrimarySmtpAddress", "  "), ("UserPrincipalName", "kim@corp.contoso.com")));
        Assert.Null(Find(("DisplayName", "Kim"), ("PrimarySmtpAddress", "")));
    }
}
