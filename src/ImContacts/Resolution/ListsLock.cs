using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The one lock over a pipeline's IM lists. Rows hold it while they work on a list and let go of it while a request is
    /// in flight; a row's work moves between threads at its awaits, so the lock belongs to no thread (not a Monitor). Not
    /// reentrant. Exit hands the lock straight to the oldest waiter, whose work goes on on the thread that let go: a
    /// SemaphoreSlim resumes an awaiting waiter through the thread pool, and each such hop woke an idle pool thread that
    /// then spun, which cost more than the row's work under the lock.
    /// </summary>
    internal sealed class ListsLock
    {
        // The waiters this thread is handing the lock to: a waiter run by a hand-over that lets go of the lock in turn
        // queues its own hand-over here, run when it has reached its next await, so the stack does not grow with the queue.
        [ThreadStatic]
        private static Queue<TaskCompletionSource<bool>>? handing;

        [ThreadStatic]
        private static bool handingOver;

        private readonly object sync = new object();
        private readonly Queue<TaskCompletionSource<bool>> waiters = new Queue<TaskCompletionSource<bool>>();
        private bool held;

        /// <summary>Whether some row holds it: what members of the lists check (the lock does not know its holder).</summary>
        public bool IsHeld => Volatile.Read(ref held);

        public Task EnterAsync()
        {
            lock (sync)
            {
                if (!held)
                {
                    Volatile.Write(ref held, true);
                    return Task.CompletedTask;
                }

                // Completed by Exit on the thread that lets go: the waiter's work goes on from there.
                var waiter = new TaskCompletionSource<bool>();
                waiters.Enqueue(waiter);
                return waiter.Task;
            }
        }

        /// <summary>For a wait that blocks its thread anyway (a question to the pipeline thread).</summary>
        public void Enter() => EnterAsync().GetAwaiter().GetResult();

        public void Exit()
        {
            TaskCompletionSource<bool> next;
            lock (sync)
            {
                if (!held)
                {
                    throw new InvalidOperationException("The IM lists' lock was let go of without being held.");
                }

                if (waiters.Count == 0)
                {
                    Volatile.Write(ref held, false);
                    return;
                }

                // Still held: it passes to the waiter.
                next = waiters.Dequeue();
            }

            HandOver(next);
        }

        private static void HandOver(TaskCompletionSource<bool> waiter)
        {
            var queue = handing ??= new Queue<TaskCompletionSource<bool>>();
            if (handingOver)
            {
                queue.Enqueue(waiter);
                return;
            }

            handingOver = true;
            try
            {
                waiter.SetResult(true);
                while (queue.Count > 0)
                {
                    queue.Dequeue().SetResult(true);
                }
            }
            finally
            {
                handingOver = false;
            }
        }
    }
}
