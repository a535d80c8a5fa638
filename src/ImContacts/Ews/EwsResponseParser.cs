using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// Reads an EWS SOAP response with an XmlReader (<see cref="AnswerReader"/>: no DTD, nothing resolved). Elements are
    /// matched by namespace URI and local name, never by prefix; unknown elements are skipped.
    /// </summary>
    internal static class EwsResponseParser
    {
        // Each operation's response element name, made once (the operations are few).
        private static readonly ConcurrentDictionary<string, string> ResponseNames = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Parses the envelope of a response to <paramref name="operation"/>; throws EwsFormatException when it is not one.</summary>
        public static EwsEnvelope Parse(byte[] body, string operation, string? mailbox)
        {
            try
            {
                var reader = AnswerReader.Open(body);
                if (reader.NodeType != XmlNodeType.Element || !reader.Is(EwsNamespaces.Soap, "Envelope"))
                {
                    throw new EwsFormatException(reader.NodeType == XmlNodeType.Element
                        ? $"the root element is {{{reader.NamespaceURI}}}{reader.LocalName}, not a SOAP 1.1 Envelope"
                        : "there is no root element");
                }

                ServerVersionInfo? version = null;
                EwsResponse? response = null;
                SoapFault? fault = null;
                for (var envelope = reader.EnterChildren(); reader.NextChild(envelope);)
                {
                    if (reader.Is(EwsNamespaces.Soap, "Header"))
                    {
                        for (var header = reader.EnterChildren(); reader.NextChild(header);)
                        {
                            if (reader.Is(EwsNamespaces.Types, "ServerVersionInfo"))
                            {
                                version = ReadServerVersion(reader);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else if (reader.Is(EwsNamespaces.Soap, "Body"))
                    {
                        for (var soapBody = reader.EnterChildren(); reader.NextChild(soapBody);)
                        {
                            ReadBodyChild(reader, operation, mailbox, ref response, ref fault);
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (response is null && fault is null)
                {
                    throw new EwsFormatException($"the SOAP Body holds neither {operation}Response nor a Fault");
                }

                AnswerReader.Done(reader);
                return new EwsEnvelope(version, response, fault);
            }
            catch (Exception ex) when (ex is XmlException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                throw new EwsFormatException(ex.Message, ex);
            }
        }

        private static void ReadBodyChild(XmlDictionaryReader reader, string operation, string? mailbox, ref EwsResponse? response, ref SoapFault? fault)
        {
            if (reader.Is(EwsNamespaces.Soap, "Fault"))
            {
                fault = ReadFault(reader);
                return;
            }

            if (reader.Is(EwsNamespaces.Messages, ResponseNames.GetOrAdd(operation, name => name + "Response")))
            {
                response = ReadResponseMessage(reader, mailbox);
                return;
            }

            throw new EwsFormatException($"expected {operation}Response in the SOAP Body but found {{{reader.NamespaceURI}}}{reader.LocalName}");
        }

        private static ServerVersionInfo ReadServerVersion(XmlReader reader)
        {
            var version = new ServerVersionInfo(
                reader.IntAttribute("MajorVersion"),
                reader.IntAttribute("MinorVersion"),
                reader.IntAttribute("MajorBuildNumber"),
                reader.IntAttribute("MinorBuildNumber"),
                reader.GetAttribute("Version"));
            reader.Skip();
            return version;
        }

        // The IM responses are themselves ResponseMessageType: no ResponseMessages wrapper.
        private static EwsResponse ReadResponseMessage(XmlDictionaryReader reader, string? mailbox)
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

            for (var message = reader.EnterChildren(); reader.NextChild(message);)
            {
                if (!reader.IsNamespaceUri(EwsNamespaces.Messages))
                {
                    reader.Skip();
                }
                else if (reader.IsLocalName("MessageText"))
                {
                    messageText = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("ResponseCode"))
                {
                    responseCode = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("DescriptiveLinkKey"))
                {
                    linkKey = reader.ReadInt();
                }
                else if (reader.IsLocalName("MessageXml"))
                {
                    messageXml = ReadMessageXml(reader);
                }
                else if (reader.IsLocalName("ImItemList"))
                {
                    list = ImItemReader.ReadImItemList(reader, mailbox);
                }
                else if (reader.IsLocalName("ImGroup"))
                {
                    group = ImItemReader.ReadImGroup(reader, mailbox);
                }
                else if (reader.IsLocalName("Persona"))
                {
                    persona = ImItemReader.ReadPersona(reader, mailbox);
                }
                else
                {
                    reader.Skip();
                }
            }

            // ResponseCode is optional in the schema; a success without one means NoError.
            responseCode ??= responseClass == "Success" ? "NoError" : "ErrorInternalServerError";
            return new EwsResponse(responseClass!, responseCode, messageText, linkKey, messageXml, list, group, persona);
        }

        private static SoapFault ReadFault(XmlDictionaryReader reader)
        {
            string? faultCode = null;
            string? faultString = null;
            string? detailCode = null;
            string? detailMessage = null;
            IReadOnlyDictionary<string, string> messageXml = EmptyDetails;

            // faultcode/faultstring/detail are unqualified in SOAP 1.1.
            for (var children = reader.EnterChildren(); reader.NextChild(children);)
            {
                if (reader.IsLocalName("faultcode"))
                {
                    faultCode = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("faultstring"))
                {
                    faultString = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("detail"))
                {
                    for (var detail = reader.EnterChildren(); reader.NextChild(detail);)
                    {
                        // Exchange 2007 put MessageXml in the types namespace, 2010+ in errors: match it by local name.
                        if (reader.Is(EwsNamespaces.Errors, "ResponseCode"))
                        {
                            detailCode = reader.ReadTrimmedText();
                        }
                        else if (reader.Is(EwsNamespaces.Errors, "Message"))
                        {
                            detailMessage = reader.ReadTrimmedText();
                        }
                        else if (reader.IsLocalName("MessageXml"))
                        {
                            messageXml = ReadMessageXml(reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

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
        private static IReadOnlyDictionary<string, string> ReadMessageXml(XmlDictionaryReader reader)
        {
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var children = reader.EnterChildren(); reader.NextChild(children);)
            {
                var name = reader.IsLocalName("Value") ? reader.GetAttribute("Name") ?? "Value" : reader.LocalName;
                var text = ReadAllText(reader);
                details[name] = details.TryGetValue(name, out var existing) ? existing + "; " + text : text;
            }

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
