using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ImContacts.Connection;

namespace ImContacts.Commands
{
    /// <summary>The current connection of each runspace, so parallel runspaces in one process never share one by accident.</summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Current = new ConditionalWeakTable<Runspace, Holder>();

        public static ImServiceConnection? Get() =>
            Runspace.DefaultRunspace is { } runspace && Current.TryGetValue(runspace, out var holder) ? holder.Connection : null;

        /// <summary>
        /// The connection a cmdlet uses: <paramref name="given"/> (-Connection), else the runspace's current one. Null, with
        /// the terminating error to throw, when there is none or it was closed.
        /// </summary>
        public static ImServiceConnection? Active(ImServiceConnection? given, out ErrorRecord? error)
        {
            var connection = given ?? Get();
            error = connection is null
                ? new ErrorRecord(
                    new InvalidOperationException("There is no connection to Exchange. Run Connect-ImService first, or pass -Connection."),
                    "NotConnected", ErrorCategory.ConnectionError, null)
                : connection.IsDisconnected
                    ? new ErrorRecord(
                        new InvalidOperationException($"The connection to {connection.Url} was closed by Disconnect-ImService. Connect again."),
                        "ConnectionClosed", ErrorCategory.ConnectionError, connection)
                    : null;
            return error is null ? connection : null;
        }

        /// <summary>Sets the runspace's current connection and returns the one it replaces.</summary>
        public static ImServiceConnection? Set(ImServiceConnection? connection)
        {
            var holder = Current.GetValue(Runspace.DefaultRunspace, _ => new Holder());
            var previous = holder.Connection;
            holder.Connection = connection;
            return previous;
        }

        private sealed class Holder
        {
            public ImServiceConnection? Connection { get; set; }
        }
    }
}
