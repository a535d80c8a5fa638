using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The IM lists one pipeline works on: each mailbox's list is read once, on first need, and reused by every later row.
    /// A permanent failure to read it (no such mailbox, no impersonation right) is remembered, so the rows of that mailbox
    /// each fail with it without another request; a transient one is tried again by the next row.
    /// </summary>
    internal sealed class ImListCache
    {
        private readonly Func<string?, ImItemList> read;
        private readonly Dictionary<string, ImListState> lists = new Dictionary<string, ImListState>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ExceptionDispatchInfo> failures = new Dictionary<string, ExceptionDispatchInfo>(StringComparer.OrdinalIgnoreCase);

        public ImListCache(Func<string?, ImItemList> read)
        {
            this.read = read;
        }

        /// <summary>How many lists were read from the server.</summary>
        public int Reads { get; private set; }

        public ImListState Get(string? mailbox)
        {
            var key = mailbox ?? string.Empty;
            if (lists.TryGetValue(key, out var state))
            {
                return state;
            }

            if (failures.TryGetValue(key, out var failure))
            {
                failure.Throw();
            }

            try
            {
                Reads++;
                state = new ImListState(read(mailbox));
            }
            catch (EwsException ex) when (!ex.IsTransient)
            {
                failures[key] = ExceptionDispatchInfo.Capture(ex);
                throw;
            }

            lists[key] = state;
            return state;
        }
    }
}
