namespace ImContacts.Model
{
    /// <summary>One source item a persona is built from (t:PersonaAttributionType).</summary>
    public sealed class PersonaAttribution
    {
        public PersonaAttribution(string id, ItemId sourceId, string? displayName, bool? isWritable, bool? isQuickContact, bool? isHidden, string? folderId)
        {
            Id = id;
            SourceId = sourceId;
            DisplayName = displayName;
            IsWritable = isWritable;
            IsQuickContact = isQuickContact;
            IsHidden = isHidden;
            FolderId = folderId;
        }

        public string Id { get; }

        public ItemId SourceId { get; }

        public string? DisplayName { get; }

        public bool? IsWritable { get; }

        public bool? IsQuickContact { get; }

        public bool? IsHidden { get; }

        public string? FolderId { get; }

        public override string ToString() => DisplayName ?? Id;
    }
}
