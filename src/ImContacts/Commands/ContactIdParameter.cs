using System;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>An IM contact id given as a string, an ItemId, or a Persona (its ContactId).</summary>
    public sealed class ContactIdParameter : ItemIdParameter
    {
        public ContactIdParameter(string id)
            : base(id, "ContactId")
        {
        }

        public ContactIdParameter(ItemId id)
            : base(id)
        {
        }

        public ContactIdParameter(Persona persona)
            : base(persona?.ContactId ?? throw new ArgumentException(
                $"Persona '{persona}' has no Quick Contact attribution, so it is not an IM contact and has no ContactId."))
        {
        }
    }
}
