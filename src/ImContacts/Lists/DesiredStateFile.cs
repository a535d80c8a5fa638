using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>
    /// Sync-ImContactList's -Path: a CSV file with the columns Mailbox, GroupName, ImAddress and, optionally, DisplayName,
    /// read twice as a stream. The first pass (Open) learns whether the rows come grouped by mailbox; if they do, the
    /// second (Read) hands over each mailbox as soon as its rows end, so memory holds one mailbox; if not, it gathers
    /// them all first.
    /// </summary>
    internal sealed class DesiredStateFile
    {
        private readonly string path;
        private readonly Columns columns;

        private DesiredStateFile(string path, Columns columns, bool grouped)
        {
            this.path = path;
            this.columns = columns;
            Grouped = grouped;
        }

        /// <summary>Whether every mailbox's rows come together, one block per mailbox.</summary>
        public bool Grouped { get; }

        /// <summary>
        /// Surveys the file at <paramref name="path"/> (<paramref name="shownPath"/> in messages): FileNotFoundException
        /// when there is none, InvalidDataException for an empty file or a header without the columns, IOException or
        /// UnauthorizedAccessException for one that cannot be read.
        /// </summary>
        public static DesiredStateFile Open(string path, string shownPath)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"-Path '{shownPath}': there is no such file.", path);
            }

            using var reader = CsvRecords.Open(path);
            Columns? columns = null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string? current = null;
            var grouped = true;
            foreach (var (_, fields) in CsvRecords.Read(reader))
            {
                if (columns is null)
                {
                    columns = Columns.Of(fields, shownPath);
                    continue;
                }

                var mailbox = (columns.Mailbox < fields.Count ? fields[columns.Mailbox] : string.Empty).Trim();
                if (grouped && !string.Equals(mailbox, current, StringComparison.OrdinalIgnoreCase))
                {
                    grouped = seen.Add(mailbox);
                    current = mailbox;
                }
            }

            return new DesiredStateFile(path, columns ?? throw new InvalidDataException($"-Path '{shownPath}' is empty: it needs a header line Mailbox,GroupName,ImAddress[,DisplayName]."), grouped);
        }

        /// <summary>
        /// Reads the rows of the mailboxes in <paramref name="rows"/>' part: each becomes a member of its mailbox's desired
        /// list, or goes to <paramref name="rejected"/> with its error id and message (a rejected row counts against its
        /// mailbox, whose list then removes nothing). Grouped, each mailbox's list goes to <paramref name="ready"/> once its
        /// rows end; otherwise the lists are gathered in <paramref name="rows"/>, for the caller to take at the end.
        /// <paramref name="mailboxOf"/> is the one mailbox rule every input goes through (ImServiceConnection.Target): it
        /// throws ArgumentException for a value that names no mailbox.
        /// </summary>
        public void Read(DesiredStateRows rows, Func<string, MailboxTarget> mailboxOf, Action<DesiredStateRow, string, string> rejected, Action<DesiredList> ready)
        {
            DesiredList? block = null;
            using var reader = CsvRecords.Open(path);
            foreach (var (line, fields) in CsvRecords.Read(reader).Skip(1))
            {
                string? Field(int index) => index >= 0 && index < fields.Count ? fields[index] : null;
                var row = new DesiredStateRow(path, line, Field(columns.Mailbox), Field(columns.GroupName), Field(columns.ImAddress), Field(columns.DisplayName));
                if (fields.Count < columns.Count)
                {
                    rejected(row, "InvalidCsvRow", $"{row}: the row has {fields.Count} field(s), the header {columns.Count}; a short row is not guessed at.");
                    continue;
                }

                MailboxTarget mailbox;
                try
                {
                    mailbox = mailboxOf(row.Mailbox ?? string.Empty);
                }
                catch (ArgumentException ex)
                {
                    rejected(row, "InvalidMailbox", $"{row}: {ArgumentMessage.Of(ex)}");
                    continue;
                }

                if (!rows.InPart(mailbox))
                {
                    continue;
                }

                DesiredList desired;
                if (Grouped)
                {
                    if (block is not null && !block.Mailbox.Equals(mailbox))
                    {
                        ready(block);
                        block = null;
                    }

                    desired = block ??= new DesiredList(mailbox);
                }
                else
                {
                    desired = rows.For(mailbox);
                }

                if (desired.TakeRow(row.GroupName, row.ImAddress, row.DisplayName) is { } problem)
                {
                    rejected(row, "Invalid" + problem.Parameter, $"{row}: {problem.Problem}");
                }
            }

            if (block is not null)
            {
                ready(block);
            }
        }

        private sealed class Columns
        {
            public int Mailbox { get; private set; } = -1;

            public int GroupName { get; private set; } = -1;

            public int ImAddress { get; private set; } = -1;

            public int DisplayName { get; private set; } = -1;

            public int Count { get; private set; }

            public static Columns Of(IReadOnlyList<string> header, string path)
            {
                var columns = new Columns { Count = header.Count };
                for (var i = 0; i < header.Count; i++)
                {
                    switch (header[i].Trim().ToLowerInvariant())
                    {
                        case "mailbox": columns.Mailbox = i; break;
                        case "groupname": columns.GroupName = i; break;
                        case "imaddress": columns.ImAddress = i; break;
                        case "displayname": columns.DisplayName = i; break;
                    }
                }

                var missing = new[] { ("Mailbox", columns.Mailbox), ("GroupName", columns.GroupName), ("ImAddress", columns.ImAddress) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException($"-Path '{path}': the header ({string.Join(",", header)}) lacks {string.Join(", ", missing)}; it needs Mailbox,GroupName,ImAddress and may have DisplayName.");
                }

                return columns;
            }
        }
    }
}
