namespace ImContacts.Model
{
    /// <summary>Which of two compared states of a list has an item the other lacks.</summary>
    public enum ImListSide
    {
        /// <summary>Only in the reference (-ReferencePath): missing from the other side.</summary>
        Reference,

        /// <summary>Only in the other side (-DifferencePath, or the live list).</summary>
        Difference,
    }

    /// <summary>What a difference is about.</summary>
    public enum ImListItemKind
    {
        /// <summary>A whole mailbox one side has no snapshot of.</summary>
        Mailbox,
        Group,
        DistributionGroup,
        Contact,

        /// <summary>A contact both sides have, in a group on one side only.</summary>
        Membership,
    }

    /// <summary>One item of a mailbox's IM list that one of two compared states has and the other lacks (Compare-ImContactList).</summary>
    public sealed class ImListDifference
    {
        public ImListDifference(string? mailbox, ImListSide side, ImListItemKind kind, string? group, string? contact)
        {
            Mailbox = mailbox;
            Side = side;
            Kind = kind;
            Group = group;
            Contact = contact;
        }

        public string? Mailbox { get; }

        public ImListSide Side { get; }

        public ImListItemKind Kind { get; }

        /// <summary>The group's name (a distribution group's address follows it in brackets); for a membership, its group.</summary>
        public string? Group { get; }

        /// <summary>The contact's IM address, for a contact or a membership.</summary>
        public string? Contact { get; }

        public override string ToString() => $"{Mailbox} {Side} {Kind} {Group} {Contact}".TrimEnd();
    }
}
