using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>Groups and personas returned by GetImItemList or GetImItems.</summary>
    public sealed class ImItemList
    {
        public ImItemList(IReadOnlyList<ImGroup> groups, IReadOnlyList<Persona> personas, string? mailbox)
        {
            Groups = groups;
            Personas = personas;
            Mailbox = mailbox;
        }

        public IReadOnlyList<ImGroup> Groups { get; }

        public IReadOnlyList<Persona> Personas { get; }

        /// <summary>The impersonated mailbox; empty for the connected account's own mailbox.</summary>
        public string? Mailbox { get; }

        public override string ToString() => $"{Groups.Count} group(s), {Personas.Count} persona(s)";
    }
}
