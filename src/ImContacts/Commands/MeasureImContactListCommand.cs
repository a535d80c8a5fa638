using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Ews.Operations;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Measure-ImContactList: each mailbox's IM list in numbers, one read each (or from snapshots, -Path), and what a move
    /// to Teams would leave behind, as one ImContactListReport per input. A list that cannot be read, or a mailbox that
    /// is no mailbox, is a result too (Verdict Failed, with its Error): a report never misses a row. A line counts the
    /// verdicts at the end.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "ImContactList", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(ImContactListReport))]
    public sealed class MeasureImContactListCommand : ImCmdlet
    {
        private const string LiveSet = "Live";
        private const string SnapshotsSet = "Snapshots";

        private readonly ReadinessTally tally = new ReadinessTally();
        private InternalDomains? domains;

        /// <summary>Snapshot files, or folders of them (*.json), to report on instead of the live lists (no connection is needed then).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SnapshotsSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>The organisation's SIP domains (contoso.com; *.contoso.com for it and those below it): contacts elsewhere count as external.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? InternalDomain { get; set; }

        /// <summary>Lists read at once from the server, 1 to 256.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Lists read at once from any one mailbox (its own EWS budget), 1 to 27.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, MaxMailboxThrottleLimit)]
        public int MailboxThrottleLimit { get; set; } = MaxMailboxThrottleLimit;

        private protected override int RowsAtOnce => ThrottleLimit;

        private protected override int MailboxRequestsAtOnce => MailboxThrottleLimit;

        protected override void BeginProcessing()
        {
            try
            {
                domains = InternalDomain is null ? null : InternalDomains.Parse(InternalDomain, nameof(InternalDomain));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidInternalDomain", ArgumentMessage.Of(ex), InternalDomain));
            }

            if (ParameterSetName == SnapshotsSet)
            {
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Mailbox)))
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", "-Mailbox does not go with -Path: each snapshot names its mailbox.", Mailbox));
                }

                return;
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SnapshotsSet)
            {
                if (InputObject is not null)
                {
                    // Not silently dropped: the input was meant as a mailbox, and the snapshots name theirs.
                    WriteError(ErrorRecords.InvalidArgument("InvalidMailbox", "Pipeline input does not go with -Path: each snapshot names its mailbox. Report on the live lists without -Path, or on the snapshots alone.", InputObject));
                }

                return;
            }

            var input = CurrentInput();
            var refused = CheckMailbox(input, out var mailbox);
            var given = mailbox?.Name ?? Mailboxes.Given;
            Submit(input, mailbox, null, async row =>
            {
                var report = refused is null ? await ReadAsync(row, given).ConfigureAwait(false) : Failed(given, refused);
                row.Deliver(() => Write(report));
            }, new[] { "list" });
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == SnapshotsSet)
            {
                foreach (var (snapshot, _) in SnapshotInput.Read(this, Path, nameof(Path)))
                {
                    Write(ListReport.Of(snapshot, domains));
                }
            }
            else
            {
                base.EndProcessing();
            }

            if (tally.Mailboxes > 0)
            {
                WriteInformation(new HostInformationMessage { Message = $"Measure-ImContactList: {tally}" }, new[] { "PSHOST", "ImContacts.Summary" });
            }

            if (tally.Failed > 0)
            {
                WriteWarning($"{tally.Failed} list(s) could not be read: their results have Verdict Failed and say why in Error.");
            }
        }

        private async Task<ImContactListReport> ReadAsync(PipelineRow row, string? given)
        {
            try
            {
                var read = await row.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), row.Mailbox).ConfigureAwait(false);
                var snapshot = Snapshots.From(read.Value, row.Mailbox.Name, DateTimeOffset.Now, read.ServerVersion?.ToString(), out var unnamed);
                return ListReport.Of(snapshot, domains, unnamed);
            }
            catch (Exception ex) when (RowQueue.IsRowFailure(ex) && !ReportingEwsCaller.EndsTheRun(ex))
            {
                // A tenant that refuses EWS is not a row of each mailbox: that stays the run's one terminating error.
                if (ReportingEwsCaller.FailureNote(ex) is { } note)
                {
                    row.Verbose(note);
                }

                return Failed(given, ErrorRecords.FromException(ex, row.Input));
            }
        }

        private static ImContactListReport Failed(string? mailbox, ErrorRecord error) =>
            ListReport.Failed(mailbox, error.ErrorDetails?.Message ?? error.Exception.Message, error.FullyQualifiedErrorId.Split(',')[0]);

        private void Write(ImContactListReport report)
        {
            tally.Add(report.Verdict);
            WriteObject(report);
        }
    }
}
