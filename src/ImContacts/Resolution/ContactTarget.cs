using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The contact an input names. Id is null only for an IM address the list does not show; Known is null for an id or
    /// address the list does not show (an id may still be a Quick Contact that is in no group).
    /// </summary>
    internal sealed class ContactTarget
    {
        public ContactTarget(ItemId? id, KnownContact? known, string? imAddress)
        {
            Id = id;
            Known = known;
            ImAddress = known?.ImAddress ?? imAddress;
        }

        public ItemId? Id { get; }

        public KnownContact? Known { get; }

        public string? ImAddress { get; }

        public string Describe() => Known?.Describe() ?? (ImAddress is not null ? $"<{ImAddress}>" : $"contact {Id?.Id}");

        /// <summary>The contact an input names by id or by IM address; Known is null for one the list does not show.</summary>
        public static ContactTarget Resolve(ImListState list, ItemId? contactId, string? imAddress)
        {
            if (contactId is not null)
            {
                var known = list.Contact(contactId);
                return new ContactTarget(known?.Id ?? contactId, known, InputText.Given(imAddress));
            }

            var address = InputText.Given(imAddress) ?? throw new MissingInputException("NoContact", "Give the contact with -ContactId or -ImAddress.");
            var found = list.FindContact(address);
            return new ContactTarget(found?.Id, found, address);
        }
    }
}
