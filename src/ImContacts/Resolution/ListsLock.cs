using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The one lock over a pipeline's IM lists. Rows hold it while they work on a list and let go of it while a request is
    /// in flight; a row's work moves between threads at its awaits, so this is a semaphore, not a Monitor (which belongs to
    /// the thread that took it). Not reentrant.
    /// </summary>
    internal sealed class ListsLock
    {
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);

        /// <summary>Whether some row holds it: what members of the lists check (a semaphore does not know its holder).</summary>
        public bool IsHeld => gate.CurrentCount == 0;

        public Task EnterAsync() => gate.WaitAsync();

        /// <summary>For a wait that blocks its thread anyway (a question to the pipeline thread).</summary>
        public void Enter() => gate.Wait();

        public void Exit() => gate.Release();
    }
}
