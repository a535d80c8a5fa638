using System.Collections.Generic;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>GetImItemList: the mailbox's whole IM list. The server creates the three system groups if they are missing.</summary>
    internal sealed class GetImItemListOperation : EwsOperation<ImItemList>
    {
        private readonly IReadOnlyList<ExtendedPropertyPath> extendedProperties;

        public GetImItemListOperation(IReadOnlyList<ExtendedPropertyPath> extendedProperties)
        {
            this.extendedProperties = extendedProperties;
        }

        public override string Name => "GetImItemList";

        public override void WriteBody(XmlWriter writer) =>
            SoapEnvelopeWriter.WriteExtendedProperties(writer, extendedProperties);

        public override ImItemList GetResult(EwsResponse response, MailboxTarget mailbox) => response.ImItemListOrEmpty(mailbox.Name);
    }
}
