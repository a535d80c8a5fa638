using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>The group an input names: its id, and what the list knows of it (null for an id the list does not show).</summary>
    internal sealed class GroupTarget
    {
        public GroupTarget(ItemId id, KnownGroup? known)
        {
            Id = id;
            Known = known;
        }

        public ItemId Id { get; }

        public KnownGroup? Known { get; }

        public string Describe() => Known?.Describe() ?? $"group {Id.Id}";

        public static GroupTarget Of(KnownGroup group) => new GroupTarget(group.Id, group);
    }
}
