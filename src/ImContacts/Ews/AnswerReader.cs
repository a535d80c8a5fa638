using System;
using System.IO;
using System.Xml;

namespace ImContacts.Ews
{
    /// <summary>
    /// The XmlReader an answer is parsed with. Answers in UTF-8 or UTF-16 (Exchange sends UTF-8) are read by the
    /// thread's XmlDictionaryReader text reader, set to each body anew: an XmlReader from XmlReader.Create cannot be
    /// reset, and its buffers and name table, made for every answer, were most of what parsing allocated. That reader
    /// has no DTD support at all: a DOCTYPE is an error. An answer it refuses before its root element (another
    /// encoding, a DOCTYPE, no XML) is read again by XmlReader's own reader, DTDs prohibited, which reads every encoding
    /// .NET knows and explains what is wrong as XmlReader does.
    /// </summary>
    internal static class AnswerReader
    {
        // The transport already bounds a body's size; no quota below that should refuse an answer EWS may send.
        private static readonly XmlDictionaryReaderQuotas Quotas = XmlDictionaryReaderQuotas.Max;

        private static readonly XmlReaderSettings OtherEncodings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 0,
            CloseInput = true,
        };

        // A parse is one synchronous call on one thread, so each thread's reader serves one answer at a time.
        [ThreadStatic]
        private static XmlDictionaryReader? threadReader;

        /// <summary>
        /// A reader on <paramref name="body"/>, moved to its root element (or to its end when there is none). Give it to
        /// <see cref="Done"/> once the answer is read; after an exception it is left alone, and the thread makes a new
        /// one for its next answer.
        /// </summary>
        public static XmlDictionaryReader Open(byte[] body)
        {
            var reader = threadReader;
            threadReader = null;
            try
            {
                if (reader is null)
                {
                    reader = XmlDictionaryReader.CreateTextReader(body, 0, body.Length, null, Quotas, null);
                }
                else
                {
                    ((IXmlTextReaderInitializer)reader).SetInput(body, 0, body.Length, null, Quotas, null);
                }

                reader.MoveToContent();
                return reader;
            }
            catch (Exception ex) when (ex is XmlException or IndexOutOfRangeException or ArgumentException)
            {
                // IndexOutOfRangeException: the text reader's encoding check overruns a declaration cut short (found by
                // ResponseFuzzTests); XmlReader's reader explains such a body as the XML error it is.
                var other = XmlDictionaryReader.CreateDictionaryReader(XmlReader.Create(new MemoryStream(body, writable: false), OtherEncodings));
                other.MoveToContent();
                return other;
            }
        }

        /// <summary>Closes a reader whose answer was read whole (it lets go of the body); the thread's kind is kept for its next answer.</summary>
        public static void Done(XmlDictionaryReader reader)
        {
            reader.Close();
            if (reader is IXmlTextReaderInitializer)
            {
                threadReader = reader;
            }
        }
    }
}
