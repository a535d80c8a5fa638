using System;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Unwinds a row's work at the point where it would send a change whose groups another row's request is saving. The
    /// row has written nothing yet; it runs again from the start once the groups are free, deciding afresh.
    /// </summary>
    internal sealed class RowParkedException : Exception
    {
        public RowParkedException(string busyKey)
            : base($"Waiting for '{busyKey}'.")
        {
            BusyKey = busyKey;
        }

        public string BusyKey { get; }
    }
}
