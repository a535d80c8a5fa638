using System;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>An IM contact id given as a string, an ItemId, or a Persona (its ContactId).</summary>
    public sealed class ContactIdParameter
    {
        public ContactIdParameter(string id)
        {
            Id = new ItemId(id ?? string.Empty);
        }

        public ContactIdParameter(ItemId id)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
        }

        public ContactIdParameter(Persona persona)
        {
            Id = persona?.ContactId ?? throw new ArgumentException(
                $"Persona '{persona}' has no Quick Contact attribution, so it is not an IM contact and has no ContactId.");
        }

        public ItemId Id { get; }

        public override string ToString() => Id.Id;
    }
}
