using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// Reads an EWS SOAP response with XmlReader (DTDs prohibited, nothing resolved). Elements are matched by
    /// namespace URI and local name, never by prefix; unknown elements are skipped.
    /// </summary>
    internal static class EwsResponseParser
    {
        private static readonly XmlReaderSettings Settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 0,
            CloseInput = false,
        };

        // Settings with this thread's name table (see ThreadNameTable); a parse is one synchronous call, on one thread.
        [ThreadStatic]
        private static XmlReaderSettings? threadSettings;

        /// <summary>Parses the envelope of a response to <paramref name="operation"/>; throws EwsFormatException when it is not one.</summary>
        public static EwsEnvelope Parse(Stream body, string operation, string? mailbox)
        {
            try
            {
                var names = ThreadNameTable.Current;
                names.BeforeAnswer();
                using var reader = XmlReader.Create(body, threadSettings ??= WithNames(Settings, names));
                if (reader.MoveToContent() != XmlNodeType.Element || !reader.Is(EwsNamespaces.Soap, "Envelope"))
                {
                    throw new EwsFormatException(reader.NodeType == XmlNodeType.Element
                        ? $"the root element is {{{reader.NamespaceURI}}}{reader.LocalName}, not a SOAP 1.1 Envelope"
                        : "there is no root element");
                }

                ServerVersionInfo? version = null;
                EwsResponse? response = null;
                SoapFault? fault = null;
                reader.ForEachChild(r =>
                {
                    if (r.Is(EwsNamespaces.Soap, "Header"))
                    {
                        r.ForEachChild(h => h.Is(EwsNamespaces.Types, "ServerVersionInfo") && ReadServerVersion(h, out version));
                        return true;
                    }

                    if (r.Is(EwsNamespaces.Soap, "Body"))
                    {
                        r.ForEachChild(b => ReadBodyChild(b, operation, mailbox, ref response, ref fault));
                        return true;
                    }

                    return false;
                });

                if (response is null && fault is null)
                {
                    throw new EwsFormatException($"the SOAP Body holds neither {operation}Response nor a Fault");
                }

                return new EwsEnvelope(version, response, fault);
            }
            catch (Exception ex) when (ex is XmlException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                throw new EwsFormatException(ex.Message, ex);
            }
        }

        private static XmlReaderSettings WithNames(XmlReaderSettings template, XmlNameTable names)
        {
            var settings = template.Clone();
            settings.NameTable = names;
            return settings;
        }

        private static bool ReadBodyChild(XmlReader reader, string operation, string? mailbox, ref EwsResponse? response, ref SoapFault? fault)
        {
            if (reader.Is(EwsNamespaces.Soap, "Fault"))
            {
                fault = ReadFault(reader);
                return true;
            }

            if (reader.Is(EwsNamespaces.Messages, operation + "Response"))
            {
                response = ReadResponseMessage(reader, mailbox);
                return true;
            }

            throw new EwsFormatException($"expected {operation}Response in the SOAP Body but found {{{reader.NamespaceURI}}}{reader.LocalName}");
        }

        private static bool ReadServerVersion(XmlReader reader, out ServerVersionInfo? version)
        {
            version = new ServerVersionInfo(
                reader.IntAttribute("MajorVersion"),
                reader.IntAttribute("MinorVersion"),
                reader.IntAttribute("MajorBuildNumber"),
                reader.IntAttribute("MinorBuildNumber"),
                reader.GetAttribute("Version"));
            reader.Skip();
            return true;
        }

        // The IM responses are themselves ResponseMessageType: no ResponseMessages wrapper.
        private static EwsResponse ReadResponseMessage(XmlReader reader, string? mailbox)
        {
            var responseClass = reader.GetAttribute("ResponseClass")?.Trim();
            if (string.IsNullOrEmpty(responseClass))
            {
                throw new EwsFormatException($"{reader.LocalName} has no ResponseClass");
            }

            string? messageText = null;
            string? responseCode = null;
            int? linkKey = null;
            IReadOnlyDictionary<string, string> messageXml = EmptyDetails;
            ImItemList? list = null;
            ImGroup? group = null;
            Persona? persona = null;

            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI != EwsNamespaces.Messages)
                {
                    return false;
                }

                switch (r.LocalName)
                {
                    case "MessageText": messageText = r.ReadTrimmedText(); return true;
                    case "ResponseCode": responseCode = r.ReadTrimmedText(); return true;
                    case "DescriptiveLinkKey": linkKey = r.ReadInt(); return true;
                    case "MessageXml": messageXml = ReadMessageXml(r); return true;
                    case "ImItemList": list = ImItemReader.ReadImItemList(r, mailbox); return true;
                    case "ImGroup": group = ImItemReader.ReadImGroup(r, mailbox); return true;
                    case "Persona": persona = ImItemReader.ReadPersona(r, mailbox); return true;
                    default: return false;
                }
            });

            // ResponseCode is optional in the schema; a success without one means NoError.
            responseCode ??= responseClass == "Success" ? "NoError" : "ErrorInternalServerError";
            return new EwsResponse(responseClass!, responseCode, messageText, linkKey, messageXml, list, group, persona);
        }

        private static SoapFault ReadFault(XmlReader reader)
        {
            string? faultCode = null;
            string? faultString = null;
            string? detailCode = null;
            string? detailMessage = null;
            IReadOnlyDictionary<string, string> messageXml = EmptyDetails;

            // faultcode/faultstring/detail are unqualified in SOAP 1.1.
            reader.ForEachChild(r =>
            {
                switch (r.LocalName)
                {
                    case "faultcode": faultCode = r.ReadTrimmedText(); return true;
                    case "faultstring": faultString = r.ReadTrimmedText(); return true;
                    case "detail":
                        r.ForEachChild(d =>
                        {
                            // Exchange 2007 put MessageXml in the types namespace, 2010+ in errors: match it by local name.
                            switch (d.LocalName)
                            {
                                case "ResponseCode" when d.NamespaceURI == EwsNamespaces.Errors: detailCode = d.ReadTrimmedText(); return true;
                                case "Message" when d.NamespaceURI == EwsNamespaces.Errors: detailMessage = d.ReadTrimmedText(); return true;
                                case "MessageXml": messageXml = ReadMessageXml(d); return true;
                                default: return false;
                            }
                        });
                        return true;
                    default: return false;
                }
            });

            var code = detailCode;
            if (string.IsNullOrEmpty(code) && faultCode is not null)
            {
                // faultcode is a QName such as a:ErrorServerBusy.
                var colon = faultCode.IndexOf(':');
                code = colon >= 0 ? faultCode.Substring(colon + 1) : faultCode;
            }

            return new SoapFault(string.IsNullOrEmpty(code) ? "ErrorInternalServerError" : code!, detailMessage ?? faultString, messageXml);
        }

        /// <summary>MessageXml children: t:Value Name="X" becomes X; any other element its local name.</summary>
        private static IReadOnlyDictionary<string, string> ReadMessageXml(XmlReader reader)
        {
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            reader.ForEachChild(r =>
            {
                var name = r.LocalName == "Value" ? r.GetAttribute("Name") ?? "Value" : r.LocalName;
                var text = ReadAllText(r);
                details[name] = details.TryGetValue(name, out var existing) ? existing + "; " + text : text;
                return true;
            });
            return details;
        }

        // Text of an element that may itself hold elements (MessageXml may carry nested details).
        private static string ReadAllText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return string.Empty;
            }

            var text = new System.Text.StringBuilder();
            var depth = reader.Depth;
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.EOF)
                {
                    throw new EwsFormatException("the XML ends early");
                }

                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    if (text.Length > 0)
                    {
                        text.Append(' ');
                    }

                    text.Append(reader.Value.Trim());
                }

                reader.Read();
            }

            reader.Read();
            return text.ToString();
        }

        private static readonly IReadOnlyDictionary<string, string> EmptyDetails = new Dictionary<string, string>();
    }
}
