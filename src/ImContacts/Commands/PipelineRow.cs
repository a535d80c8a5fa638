using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ImContacts.Bulk;
using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// One input row as its work sees it, on whichever thread its last answer came on: what it writes is kept for the pipeline thread, which
    /// writes it in input order; ShouldProcess is asked on the pipeline thread. The row holds the IM lists' lock while
    /// it works and lets go of it while it waits for the server or for an answer.
    /// </summary>
    internal sealed class PipelineRow : IListRow
    {
        private static readonly ExtendedPropertyPath[] NoProperties = Array.Empty<ExtendedPropertyPath>();

        private readonly ImCmdlet cmdlet;
        private readonly RowQueue rows;
        private readonly BulkRow bulk;

        private readonly MailboxTarget? mailbox;

        public PipelineRow(ImCmdlet cmdlet, RowQueue rows, BulkRow bulk, object input, MailboxTarget? mailbox)
        {
            this.cmdlet = cmdlet;
            this.rows = rows;
            this.bulk = bulk;
            this.mailbox = mailbox;
            Input = input;
        }

        /// <summary>The pipeline input, or the bound parameters of a direct call: the TargetObject of the row's error.</summary>
        public object Input { get; }

        /// <summary>Whose list the row works on, as its input was bound.</summary>
        public MailboxTarget Mailbox => mailbox ?? throw new InvalidOperationException("A row whose mailbox was refused has no work to do.");

        /// <summary>What the row's results call its mailbox; null when its mailbox was refused.</summary>
        public string? MailboxName => mailbox?.Name;

        public string? BackupFile { get; private set; }

        public RemovalGuard? Removals => cmdlet.Removals;

        /// <summary>True once the row wrote its output object.</summary>
        public bool HasOutput { get; private set; }

        /// <summary>The failure the row ended with, if it did.</summary>
        public Exception? Failure { get; private set; }

        /// <summary>The FullyQualifiedErrorId of the row's error record, if it wrote one.</summary>
        public string? FailureId { get; private set; }

        /// <summary>How many times the row's failed request was sent; 0 when none was.</summary>
        public int FailedAttempts => Failure is EwsException ews ? ews.Attempts : 0;

        /// <summary>
        /// The mailbox's IM list, read by the first row that needs it. Until that row's run ends (its read and then its own
        /// change), a row that finds the list not yet read parks (its work unwinds, having done nothing) rather than hold a
        /// worker that could send another mailbox's request meanwhile.
        /// </summary>
        public Task<ImListState> ListAsync()
        {
            if (!cmdlet.Lists.Holds(Mailbox))
            {
                bulk.Claim(new[] { WriteClaims.ListRead(Mailbox) });
            }

            return cmdlet.Lists.GetAsync(Mailbox, async () => (await InvokeAsync(new GetImItemListOperation(NoProperties), Mailbox).ConfigureAwait(false)).Value);
        }

        public void Output(object value)
        {
            HasOutput = true;
            bulk.Post(() => cmdlet.WriteObject(value));
        }

        public void Warning(string message) => bulk.Post(() => cmdlet.WriteWarning(message));

        /// <summary>Runs <paramref name="work"/> on the pipeline thread in the row's turn, in input order (a file write, say).</summary>
        public void Deliver(Action work)
        {
            HasOutput = true;
            bulk.Post(work);
        }

        public void Verbose(string message)
        {
            if (rows.VerboseLines)
            {
                bulk.Post(() => cmdlet.WriteVerbose(message));
            }
        }

        public void Debug(string message) => bulk.Post(() => cmdlet.WriteDebug(message));

        public void Fail(Exception exception)
        {
            Failure = exception;
            bulk.Failed = true;
            if (ReportingEwsCaller.FailureNote(exception) is { } note)
            {
                Verbose(note);
            }

            Fail(ErrorRecords.FromException(exception, Input));
        }

        /// <summary>
        /// One of the row's several changes failed (Sync-ImContactList, Import-ImContactList): its error record, with
        /// <paramref name="target"/> as TargetObject; the row goes on with its other changes.
        /// </summary>
        public void ChangeFailed(Exception exception, object target)
        {
            if (ReportingEwsCaller.FailureNote(exception) is { } note)
            {
                Verbose(note);
            }

            PostError(ErrorRecords.FromException(exception, target));
        }

        public void Fail(System.Management.Automation.ErrorRecord record)
        {
            Failure ??= record.Exception;
            FailureId = record.FullyQualifiedErrorId;
            bulk.Failed = true;
            PostError(record);
        }

        /// <summary>Writes the record on the pipeline thread in the row's turn; one no later input can escape ends the run.</summary>
        private void PostError(System.Management.Automation.ErrorRecord record) => bulk.Post(() => cmdlet.Streams.Error(record));

        /// <summary>
        /// ShouldProcess with the mailbox as target, so -WhatIf and -Confirm name whose list changes. Asked once per row
        /// and action: a row that starts over (parked) gets the same answer without a second question.
        /// </summary>
        public bool Confirm(ImListState list, string action)
        {
            if (bulk.Answers.TryGetValue(action, out var given))
            {
                return given;
            }

            var target = list.Mailbox.Name ?? "the connected account's mailbox";
            if (rows.AnswersAreCertain)
            {
                // Still asked once per row, on the pipeline thread and in output order (its verbose "Performing the
                // operation" line comes before the request's own), but the row does not wait for the known answer.
                bulk.Post(() => cmdlet.ShouldChange(target, action));
                bulk.Answers[action] = true;
                return true;
            }

            var answer = Unlocked(() => rows.Ask(() => cmdlet.ShouldChange(target, action)));
            bulk.Answers[action] = answer;
            return answer;
        }

        public Task<EwsCallResult<T>> InvokeAsync<T>(EwsOperation<T> operation, MailboxTarget mailbox) =>
            cmdlet.Calls.CallAsync(operation, mailbox, Verbose, Warning, Debug, UnlockedAsync);

        /// <summary>
        /// Sends a change that saves <paramref name="savedGroups"/> (see SavedGroups). While another row's request saves
        /// one of them, this row parks: its work unwinds here, having sent nothing, and runs again once they are free.
        /// </summary>
        public async Task<EwsCallResult<T>> ChangeAsync<T>(EwsOperation<T> operation, IReadOnlyCollection<string> savedGroups)
        {
            await BackUpAsync().ConfigureAwait(false);
            bulk.Claim(savedGroups);
            return await InvokeAsync(operation, Mailbox).ConfigureAwait(false);
        }

        void IEwsInvoker.Explain(string message) => Verbose(message);

        /// <summary>
        /// Before the run's first change to the mailbox, its whole list as it is goes to the run's backup folder, on the
        /// disk before the change is sent (RunBackup); later changes find it written. BackupException when it cannot be.
        /// </summary>
        private async Task BackUpAsync()
        {
            if (cmdlet.Backup is not { } backup)
            {
                return;
            }

            if ((BackupFile = backup.FileOf(Mailbox)) is null)
            {
                // Read (when it must be) before the backup's lock is taken: the read lets go of the lists' lock meanwhile.
                var list = await ListAsync().ConfigureAwait(false);
                BackupFile = backup.Keep(Mailbox, () => Snapshots.From(list.AsItemList(), Mailbox.Name, DateTimeOffset.Now, backup.ServerVersion, out _));
            }
        }

        /// <summary>A wait that blocks this thread (a question to the pipeline thread), without the lists' lock.</summary>
        private T Unlocked<T>(Func<T> wait)
        {
            var sync = cmdlet.Lists.Sync;
            sync.Exit();
            try
            {
                return wait();
            }
            finally
            {
                sync.Enter();
            }
        }

        /// <summary>A request awaited without the lists' lock, so that other rows work on the lists meanwhile.</summary>
        private async Task<T> UnlockedAsync<T>(Func<Task<T>> wait)
        {
            var sync = cmdlet.Lists.Sync;
            sync.Exit();
            try
            {
                return await wait().ConfigureAwait(false);
            }
            finally
            {
                await sync.EnterAsync().ConfigureAwait(false);
            }
        }
    }
}
