using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>One change a plan makes: the group and contact by name and address, as they are resolved when it runs.</summary>
    internal sealed class PlannedChange
    {
        public PlannedChange(
            ListChangeAction action, string? groupName, string? contactAddress = null, string? displayName = null, string? smtpAddress = null, Model.ItemId? contactId = null,
            DesiredContact? telephone = null)
        {
            Telephone = telephone;
            ContactId = contactId;
            Action = action;
            GroupName = groupName;
            ContactAddress = contactAddress;
            DisplayName = displayName;
            SmtpAddress = smtpAddress;
        }

        public ListChangeAction Action { get; }

        /// <summary>The group's display name; null is Other Contacts.</summary>
        public string? GroupName { get; }

        /// <summary>The contact's IM address, without sip:.</summary>
        public string? ContactAddress { get; }

        /// <summary>For a removal, the contact's id (a contact without an IM address has only that).</summary>
        public Model.ItemId? ContactId { get; }

        /// <summary>The display name of a contact or distribution-group entry to create.</summary>
        public string? DisplayName { get; }

        /// <summary>For a telephone contact to create: the contact, with its tel: URI and number.</summary>
        public DesiredContact? Telephone { get; }

        /// <summary>A distribution-group entry's SMTP address.</summary>
        public string? SmtpAddress { get; }

        public override string ToString() => $"{Action} {GroupName ?? "Other Contacts"} {ContactAddress}".TrimEnd();
    }
}
