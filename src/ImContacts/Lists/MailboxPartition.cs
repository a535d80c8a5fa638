using System;
using System.Globalization;
using System.Text;

namespace ImContacts.Lists
{
    /// <summary>
    /// Part k of n of all mailboxes (-Partition k/n): a mailbox belongs to the part its address's hash falls in, the same
    /// on every machine and in every run, so n jobs given the same file do the whole job once without talking to each other.
    /// </summary>
    internal sealed class MailboxPartition
    {
        private MailboxPartition(int part, int parts)
        {
            Part = part;
            Parts = parts;
        }

        public int Part { get; }

        public int Parts { get; }

        /// <summary>Reads "k/n" (1 ≤ k ≤ n ≤ 1000); throws ArgumentException naming -Partition and the value.</summary>
        public static MailboxPartition Parse(string text)
        {
            var pieces = (text ?? string.Empty).Split('/');
            if (pieces.Length == 2
                && int.TryParse(pieces[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                && int.TryParse(pieces[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= 1 && n <= 1000 && k >= 1 && k <= n)
            {
                return new MailboxPartition(k, n);
            }

            throw new ArgumentException($"-Partition '{text}' is not a part such as 1/4: give k/n, with 1 <= k <= n <= 1000.", "Partition");
        }

        /// <summary>Whether <paramref name="mailbox"/> (any case, spaces around it ignored) is in this part.</summary>
        public bool Contains(string? mailbox) => PartOf(mailbox, Parts) == Part;

        /// <summary>The part (1..n) of a mailbox: FNV-1a of its lower-case UTF-8 address, modulo n.</summary>
        public static int PartOf(string? mailbox, int parts)
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes((mailbox ?? string.Empty).Trim().ToLowerInvariant()))
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }

            return (int)(hash % (uint)parts) + 1;
        }

        public override string ToString() => $"{Part}/{Parts}";
    }
}
