using System;
using System.Globalization;
using System.Xml;

namespace ImContacts.Ews
{
    /// <summary>Small helpers for walking EWS XML by namespace URI and local name.</summary>
    internal static class XmlReaderExtensions
    {
        /// <summary>
        /// Calls <paramref name="onChild"/> for each child element of the current element. A handler that returns true
        /// has consumed the element; otherwise it is skipped, so unknown elements (newer servers add some) are ignored.
        /// Leaves the reader after the current element's end.
        /// </summary>
        public static void ForEachChild(this XmlReader reader, Func<XmlReader, bool> onChild)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            var depth = reader.Depth;
            reader.Read();
            while (true)
            {
                if (reader.EOF)
                {
                    throw new EwsFormatException("the XML ends early");
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    reader.Read();
                    return;
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (!onChild(reader))
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                }
            }
        }

        public static bool Is(this XmlReader reader, string ns, string localName) =>
            reader.NodeType == XmlNodeType.Element && reader.LocalName == localName && reader.NamespaceURI == ns;

        public static string ReadTrimmedText(this XmlReader reader) => reader.ReadElementContentAsString().Trim();

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
