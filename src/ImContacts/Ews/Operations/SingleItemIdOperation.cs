using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>An operation whose request is one item id and whose response carries nothing but the response code.</summary>
    internal abstract class SingleItemIdOperation : EwsChangeOperation
    {
        private readonly string elementName;
        private readonly ItemId id;

        protected SingleItemIdOperation(string elementName, ItemId id)
        {
            this.elementName = elementName;
            this.id = id;
        }

        protected ItemId Id => id;

        public override void WriteBody(XmlWriter writer) =>
            SoapEnvelopeWriter.WriteItemId(writer, elementName, EwsNamespaces.Messages, id);
    }
}
