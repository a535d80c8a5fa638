using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// What Remove-ImGroup and Remove-ImDistributionGroup share: find the group, refuse the wrong kind before sending,
    /// confirm, remove, and report a group that is already gone as a warning with status NotFound so that a job can be re-run.
    /// </summary>
    public abstract class ImGroupRemovalCmdlet : ImWriteCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Contact, Group or DistributionGroup, as ImRemovalResult.ItemType says.</summary>
        private protected abstract string ItemType { get; }

        /// <summary>The SMTP address to find a distribution group by; null where the cmdlet has none.</summary>
        private protected virtual string? SmtpAddressToFind => null;

        private protected abstract bool CanRemove(KnownGroup group);

        /// <summary>Why the group cannot be removed by this cmdlet, and what to use instead.</summary>
        private protected abstract string Refusal(KnownGroup group);

        private protected abstract string Action(ImListState list, KnownGroup group);

        /// <summary>The removal of <paramref name="group"/> from <paramref name="list"/>.</summary>
        private protected abstract ListEdit<EwsResponse> Removal(ImListState list, KnownGroup group);

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName ?? SmtpAddressToFind));
        }

        protected override void ProcessRecord()
        {
            var (groupId, groupName, smtpAddress) = (GroupId?.Id, Given(GroupName), Given(SmtpAddressToFind));
            ForCurrentInput(
                row =>
                {
                    var list = row.List();
                    var group = Find(row, list, groupId, smtpAddress, groupName);
                    if (group is null)
                    {
                        return;
                    }

                    if (!CanRemove(group))
                    {
                        throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId", $"{Refusal(group)} Nothing was sent.", list.Mailbox);
                    }

                    if (!row.Confirm(list, Action(list, group)))
                    {
                        return;
                    }

                    var result = Removal(list, group).Apply(row);
                    Report(row, group.Id, group.SmtpAddress ?? group.DisplayName, ImRemovalStatus.Removed, result.Response.ResponseCode, result.Duration, result.Attempts);
                },
                new[] { Key("group", groupId?.Id ?? smtpAddress ?? groupName) },
                row => PassThru ? UnreportedRemoval(row, ItemType, groupId, smtpAddress ?? groupName) : null);
        }

        /// <summary>The group named by id, SMTP address or name; null (after the warning) when the list has no such group.</summary>
        private KnownGroup? Find(PipelineRow row, ImListState list, ItemId? groupId, string? smtpAddress, string? groupName)
        {
            string name;
            KnownGroup? group;
            if (groupId is not null)
            {
                name = groupId.Id;
                group = list.Group(groupId);
            }
            else if (smtpAddress is not null)
            {
                name = smtpAddress;
                group = list.FindDistributionGroup(smtpAddress);
            }
            else if (groupName is not null)
            {
                name = groupName;
                group = list.FindGroup(groupName);
            }
            else
            {
                throw new MissingInputException("NoGroup", ItemType == "Group"
                    ? "Give the group with -GroupId or -GroupName."
                    : "Give the group with -SmtpAddress, -GroupId or -GroupName.");
            }

            if (group is null)
            {
                row.Warning($"{list.Owner} has no {(ItemType == "Group" ? "group" : "distribution group")} '{name}'; nothing to remove.");
                Report(row, groupId, name, ImRemovalStatus.NotFound, null, TimeSpan.Zero, 0);
            }

            return group;
        }

        private void Report(PipelineRow row, ItemId? id, string name, ImRemovalStatus status, string? responseCode, TimeSpan duration, int attempts)
        {
            if (PassThru)
            {
                row.Output(new ImRemovalResult(row.Mailbox, ItemType, id, name, status, responseCode, duration, attempts));
            }
        }
    }
}
