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

        /// <summary>
        /// The group an input names by id or by display name (an id wins when a piped object carries both); null when it
        /// names neither. A name must be in the list; an id need not (the server decides).
        /// </summary>
        public static GroupTarget? Resolve(ImListState list, ItemId? groupId, string? groupName)
        {
            if (groupId is not null)
            {
                var known = list.Group(groupId);
                return new GroupTarget(known?.Id ?? groupId, known);
            }

            return InputText.Given(groupName) is { } name ? Of(list.RequireGroup(name)) : null;
        }
    }
}
