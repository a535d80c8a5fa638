using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ImContacts.Lists
{
    /// <summary>
    /// Reads a CSV file (RFC 4180: quoted fields, "" inside quotes, line breaks inside quotes, CRLF or LF) one record at
    /// a time, so that a file of any size takes the memory of one record. The encoding comes from its byte-order mark,
    /// UTF-8 without one (as Export-Csv and Excel's "CSV UTF-8" write).
    /// </summary>
    internal static class CsvRecords
    {
        /// <summary>The records of <paramref name="reader"/>, each with the line it starts on; empty lines are skipped.</summary>
        public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Read(TextReader reader, char delimiter = ',')
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var line = 1;
            var start = 1;
            var quoted = false;
            var atFieldStart = true;
            var recordStarted = false;
            int c;
            while ((c = reader.Read()) >= 0)
            {
                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && atFieldStart)
                {
                    quoted = true;
                    atFieldStart = false;
                    recordStarted = true;
                }
                else if (ch == delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    recordStarted = true;
                }
                else if (ch == '\r' || ch == '\n')
                {
                    if (ch == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    if (recordStarted)
                    {
                        fields.Add(field.ToString());
                        yield return (start, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    atFieldStart = true;
                    recordStarted = false;
                    line++;
                    start = line;
                }
                else
                {
                    field.Append(ch);
                    atFieldStart = false;
                    recordStarted = true;
                }
            }

            if (quoted)
            {
                throw new InvalidDataException($"line {start}: a quoted field is not closed before the end of the file.");
            }

            if (recordStarted)
            {
                fields.Add(field.ToString());
                yield return (start, fields.ToArray());
            }
        }

        /// <summary>Opens <paramref name="path"/> for <see cref="Read"/>.</summary>
        public static StreamReader Open(string path) =>
            new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
    }
}
