namespace ImContacts.Model
{
    /// <summary>One row of a desired-state file read by Sync-ImContactList -Path: the TargetObject of its errors.</summary>
    public sealed class DesiredStateRow
    {
        public DesiredStateRow(string path, int line, string? mailbox, string? groupName, string? imAddress, string? displayName)
        {
            Path = path;
            Line = line;
            Mailbox = mailbox;
            GroupName = groupName;
            ImAddress = imAddress;
            DisplayName = displayName;
        }

        public string Path { get; }

        public int Line { get; }

        public string? Mailbox { get; }

        public string? GroupName { get; }

        public string? ImAddress { get; }

        public string? DisplayName { get; }

        public override string ToString() => $"{Path} line {Line}";
    }
}
