using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>Writes SOAP 1.1 request envelopes with XmlWriter: the only place request XML is produced.</summary>
    internal static class SoapEnvelopeWriter
    {
        private static readonly XmlWriterSettings Settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = false,
            CheckCharacters = true,
            NamespaceHandling = NamespaceHandling.OmitDuplicates,
        };

        public static byte[] Write<T>(EwsRequestHeaders headers, EwsOperation<T> operation)
        {
            // Room for the usual envelope (well under 1 KB), so the buffer is not grown twice on the way.
            using var buffer = new MemoryStream(1024);
            using (var writer = XmlWriter.Create(buffer, Settings))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement("soap", "Envelope", EwsNamespaces.Soap);
                writer.WriteAttributeString("xmlns", "t", null, EwsNamespaces.Types);
                writer.WriteAttributeString("xmlns", "m", null, EwsNamespaces.Messages);

                writer.WriteStartElement("Header", EwsNamespaces.Soap);
                WriteHeaders(writer, headers);
                writer.WriteEndElement();

                writer.WriteStartElement("Body", EwsNamespaces.Soap);
                writer.WriteStartElement(operation.Name, EwsNamespaces.Messages);
                operation.WriteBody(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();

                writer.WriteEndElement();
                writer.WriteEndDocument();
            }

            return buffer.ToArray();
        }

        /// <summary>Writes an element of t:ItemIdType (Id and optional ChangeKey attributes, no content).</summary>
        public static void WriteItemId(XmlWriter writer, string localName, string ns, ItemId id)
        {
            writer.WriteStartElement(localName, ns);
            writer.WriteAttributeString("Id", id.Id);
            if (id.ChangeKey is not null)
            {
                writer.WriteAttributeString("ChangeKey", id.ChangeKey);
            }

            writer.WriteEndElement();
        }

        /// <summary>Writes m:ExtendedProperties (a NonEmptyArray: nothing at all when there are none).</summary>
        public static void WriteExtendedProperties(XmlWriter writer, IReadOnlyList<ExtendedPropertyPath> properties)
        {
            if (properties.Count == 0)
            {
                return;
            }

            writer.WriteStartElement("ExtendedProperties", EwsNamespaces.Messages);
            foreach (var property in properties)
            {
                WriteExtendedFieldPath(writer, "ExtendedProperty", property);
            }

            writer.WriteEndElement();
        }

        /// <summary>Writes a t:PathToExtendedFieldType element's attributes.</summary>
        private static void WriteExtendedFieldPath(XmlWriter writer, string localName, ExtendedPropertyPath path)
        {
            writer.WriteStartElement(localName, EwsNamespaces.Types);
            WriteOptionalAttribute(writer, "DistinguishedPropertySetId", path.DistinguishedPropertySetId);
            WriteOptionalAttribute(writer, "PropertySetId", path.PropertySetId);
            WriteOptionalAttribute(writer, "PropertyTag", path.PropertyTag);
            WriteOptionalAttribute(writer, "PropertyName", path.PropertyName);
            WriteOptionalAttribute(writer, "PropertyId", path.PropertyId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteAttributeString("PropertyType", path.PropertyType);
            writer.WriteEndElement();
        }

        private static void WriteHeaders(XmlWriter writer, EwsRequestHeaders headers)
        {
            writer.WriteStartElement("RequestServerVersion", EwsNamespaces.Types);
            writer.WriteAttributeString("Version", headers.ServerVersion);
            writer.WriteEndElement();

            if (headers.MailboxCulture is not null)
            {
                writer.WriteElementString("MailboxCulture", EwsNamespaces.Types, headers.MailboxCulture);
            }

            if (headers.ImpersonatedSmtpAddress is not null)
            {
                writer.WriteStartElement("ExchangeImpersonation", EwsNamespaces.Types);
                writer.WriteStartElement("ConnectingSID", EwsNamespaces.Types);
                writer.WriteElementString("SmtpAddress", EwsNamespaces.Types, headers.ImpersonatedSmtpAddress);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
        }

        private static void WriteOptionalAttribute(XmlWriter writer, string name, string? value)
        {
            if (value is not null)
            {
                writer.WriteAttributeString(name, value);
            }
        }
    }
}
