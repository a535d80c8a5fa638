using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Waits for a task on the calling thread by blocking at once. Task.Wait and GetResult spin before they block: with
    /// dozens of row threads each waiting for the server, that spinning takes the CPU the requests themselves need.
    /// </summary>
    internal static class BlockingWait
    {
        public static T Result<T>(Task<T> task)
        {
            if (!task.IsCompleted)
            {
                var sync = new object();
                var done = false;
                task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
                {
                    lock (sync)
                    {
                        done = true;
                        Monitor.Pulse(sync);
                    }
                });

                lock (sync)
                {
                    while (!done)
                    {
                        Monitor.Wait(sync);
                    }
                }
            }

            return task.GetAwaiter().GetResult();
        }
    }
}
