using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Editing;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// The cmdlets that change IM lists: -ThrottleLimit requests in flight at once. When ShouldProcess may prompt or
    /// -WhatIf is on, rows run one at a time so that questions and what-if lines come in input order.
    /// </summary>
    public abstract class ImWriteCmdlet : ImCmdlet, IDynamicParameters
    {
        private ListChangeRunner? runner;
        private RemovalParameters? removalParameters;
        private ConfirmationRules? confirmation;

        /// <summary>Requests in flight at once in all, 1 to 256; 1 processes the rows strictly one after the other.</summary>
        [Parameter]
        [ValidateRange(1, MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Requests in flight at once for any one mailbox (its own EWS budget), 1 to 27.</summary>
        [Parameter]
        [ValidateRange(1, MaxMailboxThrottleLimit)]
        public int MailboxThrottleLimit { get; set; } = MaxMailboxThrottleLimit;

        private protected override int RowsAtOnce => Confirmation.MayPrompt() ? 1 : ThrottleLimit;

        private protected override int MailboxRequestsAtOnce => MailboxThrottleLimit;

        /// <summary>Whether this run may remove (an IRemovingCmdlet; Sync- and Import-ImContactList: with -Mirror).</summary>
        private protected virtual bool Removes => this is IRemovingCmdlet;

        /// <summary>A cmdlet that can remove takes -BackupPath, -NoBackup, -MaxRemovals and -Force (RemovalParameters).</summary>
        public object? GetDynamicParameters() => this is IRemovingCmdlet ? removalParameters ??= new RemovalParameters() : null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Removes)
            {
                var removing = removalParameters ?? new RemovalParameters();
                Removals = removing.Guard();
                Backup = removing.Open(this, WhatIfRun, ActiveConnection.ServerBuild);
            }
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            RemovalParameters.Close(this, Backup);
            RemovalParameters.CheckHeldBack(this, Removals, WhatIfRun);
        }

        /// <summary>The -PassThru result of a removal row that ended without one: Failed with its cause, or Skipped.</summary>
        private protected static ImRemovalResult UnreportedRemoval(PipelineRow row, string itemType, ItemId? id, string? name) =>
            new ImRemovalResult(row.MailboxName, itemType, id, name,
                row.Failure is null ? ImRemovalStatus.Skipped : ImRemovalStatus.Failed, row.FailureId, TimeSpan.Zero, row.FailedAttempts, row.BackupFile);

        /// <summary>
        /// Queues the current input's membership change (Add-ImContactToGroup, Remove-ImContactFromGroup). Rows naming the
        /// same contact or group run in input order, so they finish (and are written) in that order, rather than all waking
        /// when the list is read and racing for the group's claim. With -PassThru, a row that fails or is skipped still
        /// gives its result.
        /// </summary>
        private protected void ChangeMembership(MembershipRequest input, Func<PipelineRow, Task> body) =>
            ForCurrentInput(
                body,
                new[] { RowQueue.Key("contact", input.ContactId?.Id ?? ImAddresses.Bare(input.ImAddress ?? string.Empty)), RowQueue.Key("group", input.GroupId?.Id ?? InputText.Given(input.GroupName)) },
                row => input.PassThru ? input.Unreported(row.MailboxName, row.Failure, row.FailureId, row.FailedAttempts, row.BackupFile) : null);

        /// <summary>What is wrong with a membership row's contact and group, before anything is sent.</summary>
        private protected IEnumerable<(string Parameter, string? Problem)> MembershipProblems(ContactIdParameter? contactId, string? imAddress, GroupIdParameter? groupId, string? groupName)
        {
            yield return ("ContactId", ItemIdParameter.ProblemUnless(contactId, imAddress));
            yield return ("ImAddress", contactId is null ? ImAddresses.Problem(imAddress, "ImAddress") : null);
            yield return ("GroupId", ItemIdParameter.ProblemUnless(groupId, groupName));
            yield return ("GroupName", InputColumns.BlankGroup(InputObject, groupId, groupName));
        }

        /// <summary>Queues one mailbox's row of Sync- or Import-ImContactList: the runner makes its list as desired.</summary>
        private protected void MakeAsDesired(DesiredList desired, MirrorScope scope, object target, bool passThru)
        {
            var changes = runner ??= new ListChangeRunner(passThru, WhatIfRun, Removals);
            Submit(target, desired.Mailbox, null, row => changes.RunAsync(row, desired, scope, target, Lists), new[] { "list" });
        }

        /// <summary>Queues the current input's group removal (Remove-ImGroup, Remove-ImDistributionGroup); with -PassThru, one result per row.</summary>
        private protected void RemoveGroup(GroupRemoval removal, ItemId? groupId, string? smtpAddress, string? groupName, bool passThru) =>
            ForCurrentInput(
                row => removal.RunAsync(row, groupId, smtpAddress, groupName),
                new[] { RowQueue.Key("group", groupId?.Id ?? smtpAddress ?? groupName) },
                row => passThru ? UnreportedRemoval(row, removal.ItemType, groupId, smtpAddress ?? groupName) : null);

        /// <summary>What -WhatIf, -Confirm and the preferences mean for this invocation.</summary>
        private protected ConfirmationRules Confirmation => confirmation ??= new ConfirmationRules(this);

        /// <summary>Whether this run only shows what it would do (see ConfirmationRules.WhatIfRun).</summary>
        private protected bool WhatIfRun => Confirmation.WhatIfRun;

        /// <summary>
        /// Before PowerShell 7.6, a bound -Debug makes ShouldProcess's "Performing the operation" verbose line ask to
        /// continue, so every change prompts and an unattended run stops. Where ShouldProcess would go ahead unasked
        /// (no -WhatIf, no -Confirm, $ConfirmPreference above the cmdlet's impact), the line is written without it.
        /// </summary>
        internal override bool ShouldChange(string target, string action)
        {
            if (Streams.DebugBound && EngineVersion.Before(this, 7, 6) && !WhatIfRun && !Confirmation.ConfirmBound && !Confirmation.PreferenceAsks())
            {
                WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
                return true;
            }

            return ShouldProcess(target, action);
        }
    }
}
