using System;
using System.Management.Automation;
using System.Threading;

namespace ImContacts.Commands
{
    /// <summary>
    /// Ctrl+C in a compiled cmdlet: the OperationCanceledException of the invocation's cancellation becomes the
    /// PipelineStoppedException PowerShell expects, here and nowhere else.
    /// </summary>
    internal static class PipelineStop
    {
        public static T When<T>(CancellationToken cancellation, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        public static void When(CancellationToken cancellation, Action work) => When(cancellation, () =>
        {
            work();
            return true;
        });
    }
}
