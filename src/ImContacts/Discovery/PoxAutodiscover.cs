using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ImContacts.Discovery
{
    /// <summary>What a POX (autodiscover.xml) answer says: an EWS URL, a redirect to another address or URL, or an error.</summary>
    internal sealed class PoxAnswer
    {
        public Uri? EwsUrl { get; set; }

        public string? RedirectAddress { get; set; }

        public Uri? RedirectUrl { get; set; }

        public string? Error { get; set; }
    }

    /// <summary>Writes the POX Autodiscover request and reads its answer (XmlWriter/XmlReader, DTDs prohibited).</summary>
    internal static class PoxAutodiscover
    {
        private const string RequestSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
        private const string ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
        private const string ErrorSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

        public static byte[] Request(string emailAddress)
        {
            using var buffer = new MemoryStream();
            using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            {
                writer.WriteStartElement("Autodiscover", RequestSchema);
                writer.WriteStartElement("Request", RequestSchema);
                writer.WriteElementString("EMailAddress", RequestSchema, emailAddress);
                writer.WriteElementString("AcceptableResponseSchema", RequestSchema, ResponseSchema);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            return buffer.ToArray();
        }

        public static PoxAnswer Read(byte[] body)
        {
            XDocument document;
            try
            {
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 4 * 1024 * 1024 };
                using var reader = XmlReader.Create(new MemoryStream(body), settings);
                document = XDocument.Load(reader);
            }
            catch (XmlException ex)
            {
                return new PoxAnswer { Error = "the answer is not XML (" + ex.Message + ")" };
            }

            XNamespace a = ResponseSchema;
            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error" && (e.Name.Namespace == ErrorSchema || e.Name.Namespace == a));
            if (error is not null)
            {
                var code = error.Elements().FirstOrDefault(e => e.Name.LocalName == "ErrorCode")?.Value;
                var message = error.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
                return new PoxAnswer { Error = $"Autodiscover error {code}: {message}".Trim() };
            }

            var account = document.Descendants(a + "Account").FirstOrDefault();
            if (account is null)
            {
                return new PoxAnswer { Error = "the answer has no Autodiscover Account element" };
            }

            switch (account.Element(a + "Action")?.Value.Trim())
            {
                case "redirectAddr":
                    return new PoxAnswer { RedirectAddress = account.Element(a + "RedirectAddr")?.Value.Trim() };
                case "redirectUrl":
                    return Uri.TryCreate(account.Element(a + "RedirectUrl")?.Value.Trim(), UriKind.Absolute, out var redirect)
                        ? new PoxAnswer { RedirectUrl = redirect }
                        : new PoxAnswer { Error = "redirectUrl without a valid URL" };
            }

            // EXCH is the internal endpoint, EXPR the external (Outlook Anywhere) one; either carries EwsUrl.
            var ews = account.Elements(a + "Protocol")
                .OrderBy(p => p.Element(a + "Type")?.Value == "EXCH" ? 0 : 1)
                .Select(p => p.Element(a + "EwsUrl")?.Value.Trim())
                .FirstOrDefault(u => !string.IsNullOrEmpty(u));
            return Uri.TryCreate(ews, UriKind.Absolute, out var url)
                ? new PoxAnswer { EwsUrl = url }
                : new PoxAnswer { Error = "the answer has no EwsUrl" };
        }
    }
}
