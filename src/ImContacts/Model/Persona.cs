using System;
using System.Collections.Generic;
using System.Linq;

namespace ImContacts.Model
{
    /// <summary>A person in the IM list (t:PersonaType), reduced to what IM-list work needs.</summary>
    public sealed class Persona
    {
        public Persona(
            ItemId personaId,
            string? personaType,
            DateTimeOffset? creationTime,
            string? displayName,
            string? givenName,
            string? surname,
            string? emailAddress,
            string? imAddress,
            IReadOnlyList<PersonaAttribution> attributions,
            IReadOnlyList<ExtendedPropertyValue> extendedProperties,
            string? mailbox)
        {
            PersonaId = personaId;
            PersonaType = personaType;
            CreationTime = creationTime;
            DisplayName = displayName;
            GivenName = givenName;
            Surname = surname;
            EmailAddress = emailAddress;
            ImAddress = imAddress;
            Attributions = attributions;
            ExtendedProperties = extendedProperties;
            Mailbox = mailbox;
            ContactId = FindImContactId(attributions);
        }

        public ItemId PersonaId { get; }

        /// <summary>
        /// The IM contact's item id: the SourceId of the attribution that is a visible Quick Contact.
        /// This is the id the IM-list operations take; the PersonaId is not.
        /// </summary>
        public ItemId? ContactId { get; }

        public string? DisplayName { get; }

        public string? GivenName { get; }

        public string? Surname { get; }

        public string? ImAddress { get; }

        public string? EmailAddress { get; }

        public string? PersonaType { get; }

        public DateTimeOffset? CreationTime { get; }

        public IReadOnlyList<PersonaAttribution> Attributions { get; }

        public IReadOnlyList<ExtendedPropertyValue> ExtendedProperties { get; }

        /// <summary>The impersonated mailbox the persona was read from; empty for the connected account's own mailbox.</summary>
        public string? Mailbox { get; }

        public override string ToString() => DisplayName ?? ImAddress ?? PersonaId.Id;

        // The attribution's DisplayName ("Lync Contacts") is localized and its position varies, so only the flags identify it.
        private static ItemId? FindImContactId(IReadOnlyList<PersonaAttribution> attributions) =>
            attributions.FirstOrDefault(a => a.IsQuickContact == true && a.IsHidden != true)?.SourceId;
    }
}
