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
