using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>An IM contact as the pipeline knows it: its id, and its persona when the list showed it.</summary>
    internal sealed class KnownContact
    {
        public KnownContact(ItemId id, Persona? persona)
        {
            Id = id;
            Persona = persona;
        }

        /// <summary>The contact item id, with the change key the server gave.</summary>
        public ItemId Id { get; }

        public Persona? Persona { get; }

        public string? ImAddress => Persona?.ImAddress;

        public string Describe() => Persona switch
        {
            { DisplayName: { } name, ImAddress: { } address } when !ImAddresses.SameAddress(name, address) => $"'{name}' <{address}>",
            { ImAddress: { } address } => $"<{address}>",
            _ => $"contact {Id.Id}",
        };
    }
}
