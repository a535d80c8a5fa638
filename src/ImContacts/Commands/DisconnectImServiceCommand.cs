using System.Management.Automation;
using ImContacts.Connection;

namespace ImContacts.Commands
{
    /// <summary>Disconnect-ImService: closes a connection (the current one by default). Closing nothing is not an error.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ImService")]
    [OutputType(typeof(void))]
    public sealed class DisconnectImServiceCommand : PSCmdlet
    {
        private CmdletStreams? streams;

        [Parameter(Position = 0, ValueFromPipeline = true)]
        public ImServiceConnection? Connection { get; set; }

        private CmdletStreams Streams => streams ??= new CmdletStreams(this);

        protected override void ProcessRecord()
        {
            var current = ConnectionStore.Get();
            var connection = Connection ?? current;
            if (connection is null)
            {
                Streams.Verbose("There is no connection to close.");
                return;
            }

            if (ReferenceEquals(connection, current))
            {
                ConnectionStore.Set(null);
            }

            connection.Dispose();
            Streams.Verbose($"Disconnected from {connection.Url}.");
        }
    }
}
