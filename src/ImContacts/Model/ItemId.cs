using System;

namespace ImContacts.Model
{
    /// <summary>An EWS item id (t:ItemIdType). Two ids are equal when their Id is; the ChangeKey is never compared.</summary>
    public sealed class ItemId : IEquatable<ItemId>
    {
        public ItemId(string id, string? changeKey = null)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("An item id cannot be empty.", nameof(id));
            }

            Id = id.Trim();
            ChangeKey = string.IsNullOrEmpty(changeKey) ? null : changeKey;
        }

        public string Id { get; }

        public string? ChangeKey { get; }

        public bool Equals(ItemId? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as ItemId);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

        public override string ToString() => Id;
    }
}
