using System;
using System.Globalization;
using System.Xml;

namespace ImContacts.Ews
{
    /// <summary>
    /// Small helpers for walking EWS XML by namespace URI and local name. Names are compared through
    /// <see cref="XmlDictionaryReader.IsLocalName(string)"/> and <see cref="XmlDictionaryReader.IsNamespaceUri(string)"/>:
    /// the answer's own reader compares its bytes, where reading LocalName would make a string each time.
    /// </summary>
    internal static class XmlReaderExtensions
    {
        /// <summary>
        /// Enters the current element: the depth to pass to <see cref="NextChild"/>, or -1 when it is empty (then read past).
        /// </summary>
        public static int EnterChildren(this XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return -1;
            }

            var depth = reader.Depth;
            reader.Read();
            return depth;
        }

        /// <summary>
        /// Moves to the next child element of the element entered at <paramref name="depth"/>; false, and the reader past
        /// that element's end, when there is none. The caller reads the child or skips it (unknown elements, which newer
        /// servers add, are skipped).
        /// </summary>
        public static bool NextChild(this XmlReader reader, int depth)
        {
            if (depth < 0)
            {
                return false;
            }

            while (true)
            {
                if (reader.EOF)
                {
                    throw new EwsFormatException("the XML ends early");
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    return true;
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    reader.Read();
                    return false;
                }

                reader.Read();
            }
        }

        public static bool Is(this XmlDictionaryReader reader, string ns, string localName) =>
            reader.NodeType == XmlNodeType.Element && reader.IsLocalName(localName) && reader.IsNamespaceUri(ns);

        public static string ReadTrimmedText(this XmlReader reader) => reader.ReadElementContentAsString().Trim();

        /// <summary>An element's text as it is, but empty when it is only XML whitespace (which answers indent with).</summary>
        public static string ReadText(this XmlReader reader)
        {
            var text = reader.ReadElementContentAsString();
            foreach (var c in text)
            {
                if (c is not (' ' or '\t' or '\r' or '\n'))
                {
                    return text;
                }
            }

            return string.Empty;
        }

        public static bool? ReadBoolean(this XmlReader reader)
        {
            var text = reader.ReadTrimmedText();
            return text.Length == 0 ? null : XmlConvert.ToBoolean(text);
        }

        public static int? ReadInt(this XmlReader reader) => ParseInt(reader.ReadTrimmedText());

        public static DateTimeOffset? ReadDateTime(this XmlReader reader)
        {
            var text = reader.ReadTrimmedText();
            return text.Length == 0 ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        public static int? IntAttribute(this XmlReader reader, string name) => ParseInt(reader.GetAttribute(name)?.Trim());

        private static int? ParseInt(string? text) =>
            string.IsNullOrEmpty(text) ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
