using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Bulk;
using ImContacts.Connection;

namespace ImContacts.Commands
{
    /// <summary>
    /// Connect-ImService as ConnectionOpener's host: its lines go to the cmdlet's streams, written on the pipeline thread
    /// (posted there while a wait runs, PipelineThread); a device code goes to the host at once.
    /// </summary>
    internal sealed class ConnectHost : IConnectHost
    {
        private readonly PSCmdlet cmdlet;
        private readonly CmdletStreams streams;
        private readonly CancellationToken cancellation;
        private readonly PipelineThread pipeline = new PipelineThread();

        // The wait under way: a message from work that outlives its wait has no one to show it to.
        private PipelineThread? waiting;

        public ConnectHost(PSCmdlet cmdlet, CmdletStreams streams, CancellationToken cancellation)
        {
            this.cmdlet = cmdlet;
            this.streams = streams;
            this.cancellation = cancellation;
        }

        public bool VerboseShown => streams.VerboseShown();

        public void Verbose(string text) => Write(() => streams.Verbose(text));

        public void Warning(string text) => Write(() => streams.Warning(text));

        public void Show(string text) => Write(() => cmdlet.WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" }));

        public T Wait<T>(Func<Task<T>> work)
        {
            var messages = waiting = new PipelineThread();
            try
            {
                return PipelineStop.When(cancellation, () => messages.RunUntil(Task.Run(work)));
            }
            finally
            {
                waiting = null;
            }
        }

        private void Write(Action write)
        {
            if (pipeline.IsCurrent)
            {
                write();
            }
            else
            {
                waiting?.Post(write);
            }
        }
    }
}
