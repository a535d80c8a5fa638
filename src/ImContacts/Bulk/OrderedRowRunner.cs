using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Runs pipeline rows several at once, while the pipeline thread writes each row's outcome in input order as soon as it
    /// and every row before it are finished. A row awaits its requests holding no thread: its work goes on on the thread
    /// that got the answer, and so does the next ready row after it, so an answer wakes no thread of its own (with a
    /// thread per row, two wake-ups per request were most of what a request cost the client). Rows sharing a key run in
    /// input order. A row whose change would save a group another row's request is saving parks and runs again when the
    /// group is free, so rows for other groups and mailboxes take its place. Rows for one mailbox run at most as many at
    /// once as that mailbox may have requests in flight (a row has one at a time); the others wait for their mailbox
    /// without taking a place, so a file sorted by mailbox keeps requests in flight for the next mailboxes. Only the
    /// pipeline thread calls Submit, Complete and the progress callback; rows reach it through its PipelineThread (Ask,
    /// and a nudge to write).
    /// </summary>
    internal sealed class OrderedRowRunner : IDisposable
    {
        private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(200);

        private readonly int workers;
        private readonly int backlog;
        private readonly int window;
        private readonly CancellationTokenSource stop;
        private readonly ConcurrentQueue<BulkRow> ready = new ConcurrentQueue<BulkRow>();
        private readonly PipelineThread pipeline = new PipelineThread();
        private readonly Queue<BulkRow> unwritten = new Queue<BulkRow>();
        private readonly Dictionary<string, BulkRow> lastWithKey = new Dictionary<string, BulkRow>(StringComparer.OrdinalIgnoreCase);
        private readonly WriteClaims claims = new WriteClaims();
        private readonly object order = new object();
        private readonly MailboxAdmission admission;
        private int active;

        // Loops taking ready rows, at most `workers`: each runs one row at a time, from its start to its end.
        private int loops;
        private long loopsStarted;

        // What ended a loop that should not have ended (a bug): thrown on the pipeline thread rather than left hanging.
        private Exception? loopFault;

        // The oldest unwritten row, published by the pipeline thread: a worker wakes the pipeline thread only when the
        // row it finished is this one, or when it leaves room for another row; a wake for every row cost both sides a
        // futex call, and rows finishing behind an unfinished one could not be written anyway.
        private BulkRow? head;

        // Whether the pipeline thread waits for rows to be written (the window is full, or the input has ended): only then
        // does a finished head row wake it. Otherwise it writes what has finished when it wakes for room, once per
        // backlog of rows.
        private bool writesAwaited;

        // Set by Complete: every row is in.
        private bool completing;

        /// <param name="workers">Rows worked on at once (each awaiting its request, or working on its list).</param>
        /// <param name="window">Rows submitted but not yet written, at most: what a slow row may hold back behind it.</param>
        /// <param name="cancellationToken">Ctrl+C: stops the workers and ends every wait.</param>
        /// <param name="mailboxLimit">Rows that may run at once for one mailbox, asked each time (it may go down); null: no bound.</param>
        public OrderedRowRunner(int workers, int window, CancellationToken cancellationToken, Func<int>? mailboxLimit = null)
        {
            if (workers < 1 || window < workers)
            {
                throw new ArgumentOutOfRangeException(nameof(workers), $"{workers} workers with a window of {window} rows");
            }

            this.workers = workers;
            this.window = window;

            // Rows queued for the loops beyond those they work on: a loop that finishes a row takes the next one at once
            // instead of ending and being started again by the pipeline thread (a thread-pool work item, and an idle pool
            // thread woken for it, per row), and the pipeline thread is woken for room once per backlog, not per row.
            backlog = Math.Max(1, Math.Min(workers / 2, window - workers));
            admission = new MailboxAdmission(mailboxLimit);
            stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.Token.Register(pipeline.Wake);
        }

        /// <summary>Rows written so far.</summary>
        public long Written { get; private set; }

        /// <summary>Written rows that wrote an error record.</summary>
        public long Failed { get; private set; }

        /// <summary>Rows queued or running; parked rows, and rows waiting for their mailbox, are not.</summary>
        public int Active => Volatile.Read(ref active);

        /// <summary>Loops started on the thread pool so far: far fewer than rows when loops go on to the next row.</summary>
        public long LoopsStarted => Interlocked.Read(ref loopsStarted);

        /// <summary>Called on the pipeline thread while it waits, at least every 200 ms.</summary>
        public Action? Tick { get; set; }

        /// <summary>Queues a row, then writes finished rows until there is room for the next one.</summary>
        public void Submit(BulkRow row)
        {
            row.Claims = claims;
            unwritten.Enqueue(row);
            if (workers == 1)
            {
                // One at a time: the row starts right here, as in a plain loop, and the pipeline thread answers its
                // questions while it waits for it. Every earlier row is done and nothing else holds a claim, so it
                // neither waits for another nor parks.
                Interlocked.Increment(ref active);
                admission.TryEnter(row);
                var run = row.RunAsync(stop.Token);
                if (!run.IsCompleted)
                {
                    run.ContinueWith(_ => pipeline.Nudge(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                // Not Pump: the row is written after AfterRun, as in the loops.
                while (!run.IsCompleted)
                {
                    pipeline.RunNext(PumpInterval, stop.Token);
                    stop.Token.ThrowIfCancellationRequested();
                    Tick?.Invoke();
                }

                AfterRun(row, keepOne: false);
                if (row.ParkedOn is { } key)
                {
                    throw new InvalidOperationException($"A row parked on '{key}' with nothing else running.");
                }

                WriteFinishedRows();
                Tick?.Invoke();
                return;
            }

            // A row waiting for an earlier one with the same key is queued when that one is done, holding no worker
            // meanwhile. One lock for both: an earlier row finishing in between would queue it a second time.
            lock (order)
            {
                foreach (var key in row.Keys)
                {
                    if (lastWithKey.TryGetValue(key, out var earlier) && !earlier.Done && !earlier.Dependents.Contains(row))
                    {
                        earlier.Dependents.Add(row);
                        row.Pending++;
                    }

                    lastWithKey[key] = row;
                }

                if (row.Pending == 0)
                {
                    Requeue(new[] { row });
                }
            }

            // Room for the next row: at once while the loops' backlog is not full; once it is, when the loops have taken
            // it up (a nudge when active rows are down to `workers`).
            var refill = Active >= workers + backlog;
            Pump(() => (!refill || Active <= workers) && unwritten.Count < window);
        }

        /// <summary>Writes every remaining row, as each finishes.</summary>
        public void Complete()
        {
            completing = true;
            Pump(() => unwritten.Count == 0);
        }

        /// <summary>Runs <paramref name="question"/> on the pipeline thread and returns its answer; called from a row's work.</summary>
        public T Ask<T>(Func<T> question) => pipeline.Ask(question, stop.Token);

        /// <summary>Stops the rows: rows not started are dropped, requests in flight are cancelled.</summary>
        public void Dispose() => stop.Cancel();

        private void Pump(Func<bool> done)
        {
            while (true)
            {
                // Published before the head (WriteFinishedRows), which a finishing worker reads after it: one of the
                // two sees the other's write, so a finished head is never left unwritten until the next timeout.
                Volatile.Write(ref writesAwaited, completing || unwritten.Count >= window);
                Interlocked.MemoryBarrier();
                WriteFinishedRows();
                if (done())
                {
                    return;
                }

                pipeline.RunNext(PumpInterval, stop.Token);
                stop.Token.ThrowIfCancellationRequested();
                if (Volatile.Read(ref loopFault) is { } fault)
                {
                    ExceptionDispatchInfo.Capture(fault).Throw();
                }

                Tick?.Invoke();
            }
        }

        private void WriteFinishedRows()
        {
            while (true)
            {
                WriteRowsFinishedNow();
                var first = unwritten.Count > 0 ? unwritten.Peek() : null;
                Volatile.Write(ref head, first);

                // A worker finishing this row before it was published did not wake this thread: look again.
                Interlocked.MemoryBarrier();
                if (first is null || !first.IsFinished)
                {
                    return;
                }
            }
        }

        private void WriteRowsFinishedNow()
        {
            while (unwritten.Count > 0 && unwritten.Peek().IsFinished)
            {
                var row = unwritten.Dequeue();
                foreach (var key in row.Keys)
                {
                    if (lastWithKey.TryGetValue(key, out var last) && ReferenceEquals(last, row))
                    {
                        lastWithKey.Remove(key);
                    }
                }

                if (row.Crash is { } crash)
                {
                    ExceptionDispatchInfo.Capture(crash).Throw();
                }

                row.Flush();
                Written++;
                if (row.Failed)
                {
                    Failed++;
                }
            }
        }

        /// <summary>
        /// After a run: its claims are released and their waiters run again (the first of a group's, all of a list read's);
        /// a parked row waits for its key (or runs again at once if the key was released meanwhile); a woken row that did
        /// not take its key passes it on; the next row sharing one of its keys is queued.
        /// </summary>
        /// <returns>With <paramref name="keepOne"/>, a woken or next row for this worker to run at once, not queued behind the others.</returns>
        private BulkRow? AfterRun(BulkRow row, bool keepOne)
        {
            BulkRow? next = null;

            // A row that waited for its mailbox takes the place this run leaves.
            if (admission.Leave(row) is { } admitted)
            {
                Schedule(admitted, keepOne, ref next);
            }

            // Rows that waited for what this row held (a group it saved, the list it read): the first runs here at once.
            var woken = new List<BulkRow>(claims.Release(row));
            woken.AddRange(claims.PassOn(row.WokenFor));
            row.WokenFor.Clear();
            foreach (var waiter in woken)
            {
                Admit(waiter, keepOne, ref next);
            }

            if (row.ParkedOn is { } key)
            {
                if (!claims.Park(row, key))
                {
                    Requeue(new[] { row });
                }
            }
            else
            {
                lock (order)
                {
                    row.Done = true;

                    // The next rows with this row's keys: the next links of their chains, the first run here as well.
                    foreach (var later in row.Dependents)
                    {
                        if (--later.Pending == 0)
                        {
                            Admit(later, keepOne, ref next);
                        }
                    }

                    row.Dependents.Clear();
                }
            }

            if (Interlocked.Decrement(ref active) == workers)
            {
                // The loops have taken up their backlog: room for the pipeline thread to submit the next.
                pipeline.Nudge();
            }

            return next;
        }

        private void Requeue(IReadOnlyList<BulkRow> rows)
        {
            BulkRow? none = null;
            foreach (var row in rows)
            {
                Admit(row, keepOne: false, ref none);
            }
        }

        /// <summary>Queues <paramref name="row"/> (or keeps it as this worker's next) once its mailbox lets it run; until then it waits for the mailbox.</summary>
        private void Admit(BulkRow row, bool keepOne, ref BulkRow? next)
        {
            if (admission.TryEnter(row))
            {
                Schedule(row, keepOne, ref next);
            }
        }

        /// <summary>An admitted row: this worker's next when it has none yet and may keep one, else queued.</summary>
        private void Schedule(BulkRow row, bool keepOne, ref BulkRow? next)
        {
            Interlocked.Increment(ref active);
            if (keepOne && next is null)
            {
                next = row;
                return;
            }

            // Stopped: rows not started are dropped.
            if (!stop.IsCancellationRequested)
            {
                ready.Enqueue(row);
                StartLoop();
            }
        }

        /// <summary>A loop on the thread pool for the ready rows, when fewer than <c>workers</c> run.</summary>
        private void StartLoop()
        {
            if (TryCountLoop())
            {
                Interlocked.Increment(ref loopsStarted);
                _ = Task.Run(Loop);
            }
        }

        /// <summary>Counts one loop more when a row is ready and fewer than <c>workers</c> loops run; false when not.</summary>
        private bool TryCountLoop()
        {
            while (!ready.IsEmpty)
            {
                var running = Volatile.Read(ref loops);
                if (running >= workers)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref loops, running + 1, running) == running)
                {
                    return true;
                }
            }

            return false;
        }

        private async Task Loop()
        {
            try
            {
                BulkRow? next = null;
                while (!stop.IsCancellationRequested)
                {
                    if (next is null && !ready.TryDequeue(out next))
                    {
                        Interlocked.Decrement(ref loops);

                        // A row queued after that look may have found every loop busy: take it up if there is room (a
                        // failed exchange means another loop changed the count meanwhile: look again, not give up).
                        if (!TryCountLoop())
                        {
                            return;
                        }

                        continue;
                    }

                    var row = next;
                    await row.RunAsync(stop.Token).ConfigureAwait(false);
                    next = AfterRun(row, keepOne: true);

                    // Wakes the pipeline thread to write it, when it is next to be written and writes are what the
                    // pipeline thread waits for (see head and writesAwaited).
                    Interlocked.MemoryBarrier();
                    if (row.IsFinished && ReferenceEquals(row, Volatile.Read(ref head)) && Volatile.Read(ref writesAwaited))
                    {
                        pipeline.Nudge();
                    }
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                Volatile.Write(ref loopFault, ex);
                pipeline.Nudge();
            }
        }
    }
}
