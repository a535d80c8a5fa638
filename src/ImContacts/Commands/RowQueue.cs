using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Bulk;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// One invocation's rows: run several at once (OrderedRowRunner) and written in input order, with the run's
    /// progress bar; Ctrl+C ends every wait as a stopped pipeline. Only the pipeline thread calls it, Ask aside.
    /// </summary>
    internal sealed class RowQueue : IDisposable
    {
        private readonly ImCmdlet cmdlet;
        private readonly OrderedRowRunner runner;
        private readonly RowProgress progress;
        private readonly CancellationToken cancellation;

        /// <summary>
        /// Rows for <paramref name="requests"/> requests in flight at once: one at a time for 1, else an eighth more rows
        /// than requests (two at least), so that a few rows waiting out a back-off leave their request slots to others.
        /// Rows past their mailbox's bound wait without being started (OrderedRowRunner).
        /// </summary>
        public RowQueue(ImCmdlet cmdlet, int requests, bool verboseLines, ThrottledEwsCaller caller, CancellationToken cancellation)
        {
            this.cmdlet = cmdlet;
            this.cancellation = cancellation;
            AnswersAreCertain = requests > 1;
            VerboseLines = verboseLines;
            runner = requests == 1
                ? new OrderedRowRunner(1, 1, cancellation)
                : new OrderedRowRunner(requests + Math.Max(2, requests / 8), Math.Max(256, 32 * requests), cancellation, () => caller.Gate.MailboxLimit);
            progress = new RowProgress(cmdlet, cmdlet.MyInvocation.MyCommand.Name, runner, caller);
            runner.Tick = progress.Tick;
        }

        /// <summary>
        /// True when rows run concurrently: then no ShouldProcess can ask or answer no (-WhatIf and possible prompts run one
        /// row at a time), so a row need not wait for the pipeline thread to hear the answer.
        /// </summary>
        public bool AnswersAreCertain { get; }

        /// <summary>Whether rows' verbose lines are kept for writing (see CmdletStreams.VerboseShown).</summary>
        public bool VerboseLines { get; }

        /// <summary>
        /// Queues <paramref name="body"/> as a row for <paramref name="mailbox"/>, writing finished rows until there is room
        /// for it. It runs holding the lists' lock; a failure becomes its error record. <paramref name="error"/>, when
        /// given, is the row's outcome instead. <paramref name="keys"/> name what it touches (rows sharing one run in input
        /// order); <paramref name="unreported"/> gives the -PassThru object of a row that ends without output.
        /// </summary>
        public void Submit(object input, MailboxTarget? mailbox, ErrorRecord? error, Func<PipelineRow, Task> body, IEnumerable<string>? keys, Func<PipelineRow, object?>? unreported)
        {
            var mailboxKey = mailbox?.Key + "|";
            var rowKeys = (keys ?? Array.Empty<string>()).Select(key => mailboxKey + key).ToList();
            var row = new BulkRow(rowKeys, async bulk =>
            {
                var work = new PipelineRow(cmdlet, this, bulk, input, mailbox);
                if (error is not null)
                {
                    work.Fail(error);
                }
                else
                {
                    await RunAsync(work, body).ConfigureAwait(false);
                }

                if (!work.HasOutput && unreported?.Invoke(work) is { } summary)
                {
                    work.Output(summary);
                }
            }, mailbox?.Key);
            PipelineStop.When(cancellation, () => runner.Submit(row));
        }

        /// <summary>A key for what a row touches: the same contact or group named the same way gives the same key.</summary>
        public static string Key(string kind, string? value) => kind + ":" + (value ?? string.Empty).Trim().ToLowerInvariant();

        /// <summary>Whether <paramref name="exception"/> ends one row (its error record), not the run.</summary>
        public static bool IsRowFailure(Exception exception) => exception is EwsException or ImListException or ArgumentException or BackupException;

        /// <summary>Waits for every row and writes it; ends the progress bar.</summary>
        public void Complete()
        {
            PipelineStop.When(cancellation, runner.Complete);
            progress.Complete();
        }

        /// <summary>Runs <paramref name="question"/> on the pipeline thread, from a row on another thread (blocking it).</summary>
        public T Ask<T>(Func<T> question) => runner.Ask(question);

        public void Dispose() => runner.Dispose();

        private async Task RunAsync(PipelineRow row, Func<PipelineRow, Task> body)
        {
            var sync = cmdlet.Lists.Sync;
            await sync.EnterAsync().ConfigureAwait(false);
            try
            {
                await body(row).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRowFailure(ex))
            {
                row.Fail(ex);
            }
            finally
            {
                sync.Exit();
            }
        }
    }
}
