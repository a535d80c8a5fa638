using System.Collections.Generic;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>GetImItems: details of the given contacts (as personas) and groups. The server drops unknown ids silently.</summary>
    internal sealed class GetImItemsOperation : EwsOperation<ImItemList>
    {
        private readonly IReadOnlyList<ItemId> contactIds;
        private readonly IReadOnlyList<ItemId> groupIds;
        private readonly IReadOnlyList<ExtendedPropertyPath> extendedProperties;

        public GetImItemsOperation(IReadOnlyList<ItemId> contactIds, IReadOnlyList<ItemId> groupIds, IReadOnlyList<ExtendedPropertyPath> extendedProperties)
        {
            this.contactIds = contactIds;
            this.groupIds = groupIds;
            this.extendedProperties = extendedProperties;
        }

        public override string Name => "GetImItems";

        public override void WriteBody(XmlWriter writer)
        {
            // Each array is NonEmptyArrayOf...: omit it rather than write it empty.
            WriteIds(writer, "ContactIds", contactIds);
            WriteIds(writer, "GroupIds", groupIds);
            SoapEnvelopeWriter.WriteExtendedProperties(writer, extendedProperties);
        }

        public override ImItemList GetResult(EwsResponse response, MailboxTarget mailbox) => response.ImItemListOrEmpty(mailbox.Name);

        private static void WriteIds(XmlWriter writer, string localName, IReadOnlyList<ItemId> ids)
        {
            if (ids.Count == 0)
            {
                return;
            }

            writer.WriteStartElement(localName, EwsNamespaces.Messages);
            foreach (var id in ids)
            {
                SoapEnvelopeWriter.WriteItemId(writer, "ItemId", EwsNamespaces.Types, id);
            }

            writer.WriteEndElement();
        }
    }
}
