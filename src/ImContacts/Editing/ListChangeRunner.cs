using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Makes one mailbox's list as desired (Sync-ImContactList, Import-ImContactList), inside that mailbox's row: one
    /// read, a plan, then each change in turn as its ListEdit (confirmed by the row, sent through it, recorded in the
    /// list). A change that fails is one error and its own result; the changes that needed it fail with it; the others
    /// go on. No PowerShell here: the row is the cmdlet's PipelineRow, or a test's fake.
    /// </summary>
    internal sealed class ListChangeRunner
    {
        private readonly bool passThru;
        private readonly bool whatIf;
        private readonly RemovalGuard? removals;

        public ListChangeRunner(bool passThru, bool whatIf, RemovalGuard? removals = null)
        {
            this.passThru = passThru;
            this.whatIf = whatIf;
            this.removals = removals;
        }

        public async Task RunAsync(IListRow row, DesiredList desired, MirrorScope scope, object target, ImListCache lists)
        {
            try
            {
                await ApplyAsync(row, desired, scope, target).ConfigureAwait(false);
            }
            finally
            {
                // A parked row unwinds through here too: it reads the list again when it runs again.
                lists.Forget(row.Mailbox);
            }
        }

        private async Task ApplyAsync(IListRow row, DesiredList desired, MirrorScope scope, object target)
        {
            var clock = Stopwatch.StartNew();
            var list = await row.ListAsync().ConfigureAwait(false);
            if (desired.RejectedRows > 0 && scope != MirrorScope.None)
            {
                row.Warning($"{desired.RejectedRows} row(s) for {list.Owner} could not be taken (see their errors), so nothing is removed from it in this run: what they meant to keep would go.");
                scope = MirrorScope.None;
            }

            var plan = ListPlanner.Plan(list, desired, scope);
            CheckLimits(list, plan);
            var heldBack = 0;
            if (removals?.Admit(list, RemovalGuard.Removals(list, plan)) is { } refused)
            {
                // Over half of the list: the mailbox is not changed at all. Over the run's budget: its additions still go in.
                if (refused.ErrorId != "MaxRemovalsReached")
                {
                    throw refused;
                }

                heldBack = plan.Count(IsRemoval);
                plan = plan.Where(change => !IsRemoval(change)).ToList();
                row.ChangeFailed(refused, target);
            }

            var failedGroups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var failedContacts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int done = 0, failed = 0, skipped = 0, requests = 0;
            foreach (var change in plan)
            {
                var action = Describe(change);
                var blocker = change.GroupName is { } g && failedGroups.Contains(g) ? $"group '{g}' could not be created"
                    : change.Action == ListChangeAction.AddMember && change.ContactAddress is { } c && failedContacts.Contains(c) ? $"contact <{c}> could not be created"
                    : null;
                if (blocker is not null)
                {
                    failed++;
                    var notDone = new ImListException(ImListErrorKind.NotFound, "PrerequisiteFailed", $"{action} in {list.Owner}: not done, because {blocker}.", list.Mailbox);
                    row.ChangeFailed(notDone, target);
                    Report(row, change, ListChangeStatus.Failed, notDone.ErrorId, 0, TimeSpan.Zero, notDone.Message);
                    continue;
                }

                if (!row.Confirm(list, action))
                {
                    skipped++;
                    Report(row, change, whatIf ? ListChangeStatus.Planned : ListChangeStatus.Skipped, null, 0, TimeSpan.Zero, null);
                    continue;
                }

                try
                {
                    var (code, attempts, duration) = await ApplyAsync(row, list, change).ConfigureAwait(false);
                    done++;
                    requests += attempts;
                    Report(row, change, ListChangeStatus.Done, code, attempts, duration, null);
                }
                catch (Exception ex) when (ex is EwsException or ImListException)
                {
                    failed++;
                    requests += (ex as EwsException)?.Attempts ?? 0;
                    if (change.Action is ListChangeAction.CreateGroup or ListChangeAction.AddDistributionGroup)
                    {
                        failedGroups.Add(change.GroupName!);
                    }
                    else if (change.Action == ListChangeAction.CreateContact)
                    {
                        failedContacts.Add(change.ContactAddress!);
                    }

                    row.ChangeFailed(ex, target);
                    Report(row, change, ListChangeStatus.Failed, (ex as EwsException)?.ErrorId ?? ((ImListException)ex).ErrorId, (ex as EwsException)?.Attempts ?? 0, TimeSpan.Zero, ex.Message);
                }
            }

            if (passThru)
            {
                var status = heldBack > 0 || failed > 0 ? ListChangeStatus.Failed : plan.Count == 0 ? ListChangeStatus.Unchanged : whatIf ? ListChangeStatus.Planned : ListChangeStatus.Done;
                var held = heldBack > 0 ? $"; {heldBack} removal(s) held back (-MaxRemovals {removals!.MaxRemovals})" : string.Empty;
                var detail = plan.Count == 0
                    ? "already as desired" + held
                    : $"{plan.Count} change(s): {Count(plan, ListChangeAction.CreateGroup, ListChangeAction.AddDistributionGroup)} group(s) to create, "
                      + $"{Count(plan, ListChangeAction.CreateContact)} contact(s) to create, {Count(plan, ListChangeAction.AddMember)} membership(s) to add, "
                      + $"{Count(plan, ListChangeAction.RemoveMember)} to remove, {Count(plan, ListChangeAction.RemoveGroup, ListChangeAction.RemoveDistributionGroup)} group(s) to remove; "
                      + $"{done} done, {failed} failed, {skipped} {(whatIf ? "planned" : "skipped")}{held}";
                row.Output(new ImListChange(row.Mailbox.Name, ListChangeAction.Summary, null, null, status, null, requests + 1, clock.Elapsed, detail, row.BackupFile));
            }
        }

        private static bool IsRemoval(PlannedChange change) =>
            change.Action is ListChangeAction.RemoveMember or ListChangeAction.RemoveGroup or ListChangeAction.RemoveDistributionGroup;

        private static int Count(IReadOnlyList<PlannedChange> plan, params ListChangeAction[] actions) => plan.Count(c => actions.Contains(c.Action));

        /// <summary>The limits (1,000 contacts, 64 groups besides the system groups) are checked before anything is written.</summary>
        private static void CheckLimits(ImListState list, IReadOnlyList<PlannedChange> plan)
        {
            var contacts = list.ContactCount + Count(plan, ListChangeAction.CreateContact);
            if (contacts > ImListLimits.MaxContacts)
            {
                throw new ImListException(ImListErrorKind.LimitReached, "ErrorImContactLimitReached",
                    $"{list.Owner} would hold {contacts} contacts, more than the {ImListLimits.MaxContacts} an IM list can; nothing was changed.", list.Mailbox);
            }

            var groups = list.LimitedGroupCount + Count(plan, ListChangeAction.CreateGroup, ListChangeAction.AddDistributionGroup)
                - Count(plan, ListChangeAction.RemoveGroup, ListChangeAction.RemoveDistributionGroup);
            if (groups > ImListLimits.MaxGroups)
            {
                throw new ImListException(ImListErrorKind.LimitReached, "ErrorImGroupLimitReached",
                    $"{list.Owner} would hold {groups} groups besides Favorites, Other Contacts and Tagged, more than the {ImListLimits.MaxGroups} an IM list can; nothing was changed.", list.Mailbox);
            }
        }

        private static async Task<(string Code, int Attempts, TimeSpan Duration)> ApplyAsync(IListRow row, ImListState list, PlannedChange change)
        {
            switch (change.Action)
            {
                case ListChangeAction.CreateGroup:
                    return Outcome(await new CreateGroupEdit(list, change.GroupName!).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.AddDistributionGroup:
                    return Outcome(await new AddDistributionGroupEdit(list, change.SmtpAddress!, change.GroupName!).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.CreateContact when change.Telephone is { } phone:
                    // Sent as the list showed it: the SIP URI with its sip: (a tel: address stands for itself).
                    var sipUri = phone.ImAddress.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? phone.ImAddress : "sip:" + phone.ImAddress;
                    return Outcome(await new CreateTelephoneContactEdit(list, phone.TelUri!, sipUri, phone.TelephoneNumber!, Group(list, change.GroupName).Id).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.CreateContact:
                    return Outcome(await new CreateContactEdit(list, change.ContactAddress!, change.DisplayName, Group(list, change.GroupName).Id).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.AddMember:
                    return Outcome(await new AddMemberEdit(list, list.RequireContact(change.ContactAddress!).Id, Group(list, change.GroupName).Id).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.RemoveMember:
                {
                    var group = Group(list, change.GroupName);
                    var contactId = change.ContactId ?? list.RequireContact(change.ContactAddress!).Id;
                    return Outcome(await new RemoveMemberEdit(list, contactId, group.Id).ApplyAsync(row).ConfigureAwait(false));
                }

                case ListChangeAction.RemoveGroup:
                    return Outcome(await new RemoveGroupEdit(list, Group(list, change.GroupName)).ApplyAsync(row).ConfigureAwait(false));

                case ListChangeAction.RemoveDistributionGroup:
                {
                    var group = (change.SmtpAddress is { } smtp ? list.FindDistributionGroup(smtp) : null) ?? Group(list, change.GroupName);
                    return Outcome(await new RemoveDistributionGroupEdit(list, group).ApplyAsync(row).ConfigureAwait(false));
                }

                default:
                    throw new InvalidOperationException($"{change.Action} is no change.");
            }
        }

        private static (string, int, TimeSpan) Outcome<T>(EwsCallResult<T> result) => (result.Response.ResponseCode, result.Attempts, result.Duration);

        /// <summary>The group a change names, as the list now has it (null: Other Contacts).</summary>
        private static KnownGroup Group(ImListState list, string? name) =>
            name is null
                ? list.OtherContacts ?? throw new ImListException(ImListErrorKind.NotFound, "ImGroupNotFound", $"{list.Owner} has no Other Contacts group.", list.Mailbox)
                : list.RequireGroup(name);

        private static string Describe(PlannedChange change)
        {
            var group = $"'{change.GroupName ?? "Other Contacts"}'";
            return change.Action switch
            {
                ListChangeAction.CreateGroup => $"Create IM group {group}",
                ListChangeAction.AddDistributionGroup => $"Add distribution group <{change.SmtpAddress}> as {group}",
                ListChangeAction.CreateContact => $"Create IM contact <{change.ContactAddress}>{(change.DisplayName is null ? string.Empty : $" '{change.DisplayName}'")} in group {group}",
                ListChangeAction.AddMember => $"Add IM contact <{change.ContactAddress}> to group {group}",
                ListChangeAction.RemoveMember => $"Remove IM contact {(change.ContactAddress is null ? "with id " + change.ContactId?.Id : $"<{change.ContactAddress}>")} from group {group}",
                ListChangeAction.RemoveGroup => $"Remove IM group {group}",
                ListChangeAction.RemoveDistributionGroup => $"Remove distribution group {group}{(change.SmtpAddress is null ? string.Empty : $" <{change.SmtpAddress}>")}",
                _ => change.Action.ToString(),
            };
        }

        private void Report(IListRow row, PlannedChange change, ListChangeStatus status, string? code, int attempts, TimeSpan duration, string? detail)
        {
            if (passThru)
            {
                var group = change.SmtpAddress is null ? change.GroupName ?? "Other Contacts" : $"{change.GroupName} <{change.SmtpAddress}>";
                row.Output(new ImListChange(row.Mailbox.Name, change.Action, group, change.ContactAddress ?? change.ContactId?.Id, status, code, attempts, duration, detail, row.BackupFile));
            }
        }
    }
}
