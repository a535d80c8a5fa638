using System;
using System.Xml;

namespace ImContacts.Ews
{
    /// <summary>
    /// Each thread's XmlNameTable for the responses it parses: the names of EWS answers are few and the same every time, so
    /// they are atomized once per thread instead of once per answer (a new NameTable per reader was a quarter of what
    /// parsing allocated). A server sending ever new names cannot grow it without bound: past <see cref="MaxNames"/> it
    /// starts afresh, between two answers only, as a reader compares the names it atomized by reference.
    /// </summary>
    internal sealed class ThreadNameTable : XmlNameTable
    {
        private const int MaxNames = 4096;

        [ThreadStatic]
        private static ThreadNameTable? current;

        private NameTable names = new NameTable();
        private int count;

        /// <summary>This thread's table.</summary>
        public static ThreadNameTable Current => current ??= new ThreadNameTable();

        /// <summary>Called before each answer's reader is made: starts afresh when the table has grown past its bound.</summary>
        public void BeforeAnswer()
        {
            if (count > MaxNames)
            {
                names = new NameTable();
                count = 0;
            }
        }

        public override string Add(char[] array, int offset, int length) =>
            names.Get(array, offset, length) ?? Counted(names.Add(array, offset, length));

        public override string Add(string array) => names.Get(array) ?? Counted(names.Add(array));

        public override string? Get(char[] array, int offset, int length) => names.Get(array, offset, length);

        public override string? Get(string array) => names.Get(array);

        private string Counted(string added)
        {
            count++;
            return added;
        }
    }
}
