using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// Renders one HTTP exchange with EWS for -Debug and -TraceFile: request and response headers and SOAP bodies, with
    /// the client-request-id to give Microsoft support. Credentials, cookies, tokens and passwords never appear: their
    /// headers, elements and attributes are replaced by [redacted].
    /// </summary>
    internal static class EwsTraceWriter
    {
        public const string Redacted = "[redacted]";

        /// <summary>More of a body than this is left out of the trace (a full IM list is a few MB at most).</summary>
        private const int MaxTracedBodyBytes = 4 * 1024 * 1024;

        private static readonly string[] SecretNameParts = { "authorization", "cookie", "token", "secret", "password", "passwd", "apikey", "api-key", "credential" };

        private static readonly XmlReaderSettings ReaderSettings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 0,
        };

        /// <summary>The request as sent, and the response or failure; <paramref name="response"/> is null when none came.</summary>
        public static string Render(
            EwsCallContext context, HttpRequestMessage request, byte[] requestBody, HttpResponseMessage? response, byte[]? responseBody, TimeSpan elapsed, string? failure)
        {
            var text = new StringBuilder();
            text.Append("=== ").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append(' ').Append(context.Operation)
                .Append(' ').Append(context.Target.Label)
                .Append("  client-request-id: ").Append(context.ClientRequestId).AppendLine();
            text.Append("> ").Append(request.Method).Append(' ').Append(request.RequestUri).AppendLine();
            Headers(text, "> ", request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()));
            Body(text, requestBody);

            if (response is null)
            {
                text.Append("< no response after ").Append(elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)).Append(" ms: ").Append(failure).AppendLine();
                return text.ToString();
            }

            text.Append("< HTTP ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase)
                .Append(" in ").Append(elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)).Append(" ms").AppendLine();
            Headers(text, "< ", response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()));
            if (failure is not null)
            {
                text.Append("< ").Append(failure).AppendLine();
            }

            Body(text, responseBody ?? Array.Empty<byte>());
            return text.ToString();
        }

        internal static bool IsSecretName(string name)
        {
            foreach (var part in SecretNameParts)
            {
                if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static void Headers(StringBuilder text, string prefix, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
        {
            foreach (var header in headers)
            {
                foreach (var value in header.Value)
                {
                    text.Append(prefix).Append(header.Key).Append(": ").Append(HeaderValue(header.Key, value)).AppendLine();
                }
            }
        }

        private static string HeaderValue(string name, string value)
        {
            if (name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authenticate", StringComparison.OrdinalIgnoreCase))
            {
                // A challenge names schemes; an NTLM or Negotiate challenge's blob is no one's business either.
                return value.Split(' ')[0] + (value.IndexOf(' ') > 0 ? " " + Redacted : string.Empty);
            }

            if (!IsSecretName(name))
            {
                return value;
            }

            // Keep the scheme of an Authorization header (Bearer, Basic...), never its credentials.
            var scheme = name.IndexOf("authorization", StringComparison.OrdinalIgnoreCase) >= 0 && value.IndexOf(' ') > 0 ? value.Substring(0, value.IndexOf(' ')) + " " : string.Empty;
            return scheme + Redacted;
        }

        private static void Body(StringBuilder text, byte[] body)
        {
            if (body.Length == 0)
            {
                text.AppendLine("(no body)");
                return;
            }

            var traced = body.Length > MaxTracedBodyBytes ? body.Take(MaxTracedBodyBytes).ToArray() : body;
            try
            {
                text.AppendLine(RedactedXml(traced));
            }
            catch (Exception ex) when (ex is XmlException or ArgumentException or InvalidOperationException)
            {
                // Not XML (an HTML page, a truncated answer): as received, as text, but never anything that looks like a credential.
                text.AppendLine("(not well-formed XML; as received)");
                text.AppendLine(RedactedText(Encoding.UTF8.GetString(traced)));
            }

            if (traced.Length < body.Length)
            {
                text.Append("[… ").Append((body.Length - traced.Length).ToString("N0", CultureInfo.InvariantCulture)).AppendLine(" more bytes not traced]");
            }
        }

        /// <summary>The XML indented, with the text of elements and the values of attributes whose names suggest a secret replaced.</summary>
        private static string RedactedXml(byte[] body)
        {
            var output = new StringBuilder();
            using (var reader = XmlReader.Create(new MemoryStream(body, writable: false), ReaderSettings))
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Auto }))
            {
                var secretDepth = -1;
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            var empty = reader.IsEmptyElement;
                            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                            for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                            {
                                writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, IsSecretName(reader.LocalName) ? Redacted : reader.Value);
                            }

                            reader.MoveToElement();
                            if (empty)
                            {
                                writer.WriteEndElement();
                            }
                            else if (secretDepth < 0 && IsSecretName(reader.LocalName))
                            {
                                secretDepth = reader.Depth;
                            }

                            break;
                        case XmlNodeType.EndElement:
                            if (reader.Depth == secretDepth)
                            {
                                secretDepth = -1;
                            }

                            writer.WriteFullEndElement();
                            break;
                        case XmlNodeType.Text:
                        case XmlNodeType.CDATA:
                        case XmlNodeType.SignificantWhitespace:
                            writer.WriteString(secretDepth >= 0 ? Redacted : reader.Value);
                            break;
                    }
                }
            }

            return output.ToString();
        }

        /// <summary>Text that is not XML: a word after "Bearer" or "Basic", and values after secret-like names, are replaced.</summary>
        private static string RedactedText(string text)
        {
            var original = text.Split(' ');
            var words = (string[])original.Clone();
            for (var i = 1; i < words.Length; i++)
            {
                var previous = original[i - 1];
                if (previous.EndsWith("Bearer", StringComparison.OrdinalIgnoreCase) || previous.EndsWith("Basic", StringComparison.OrdinalIgnoreCase) || (previous.EndsWith(":", StringComparison.Ordinal) && IsSecretName(previous)))
                {
                    words[i] = Redacted;
                }
                else if (words[i].IndexOf('=') > 0 && IsSecretName(words[i].Substring(0, words[i].IndexOf('='))))
                {
                    words[i] = words[i].Substring(0, words[i].IndexOf('=') + 1) + Redacted;
                }
            }

            return string.Join(" ", words);
        }
    }
}
