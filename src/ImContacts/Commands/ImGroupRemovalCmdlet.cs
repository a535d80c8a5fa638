using System;
using System.Management.Automation;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// What Remove-ImGroup and Remove-ImDistributionGroup share: find the group, refuse the wrong kind before sending,
    /// confirm, remove, and report a group that is already gone as a warning with status NotFound so that a job can be re-run.
    /// </summary>
    public abstract class ImGroupRemovalCmdlet : ImListCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
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

        private protected abstract EwsOperation<EwsResponse> Operation(ItemId groupId);

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var group = Find(list);
            if (group is null)
            {
                return;
            }

            if (!CanRemove(group))
            {
                throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId", $"{Refusal(group)} Nothing was sent.", list.Mailbox);
            }

            if (!Confirm(list, Action(list, group)))
            {
                return;
            }

            var result = Invoke(Operation(group.Id), mailbox);
            list.RecordGroupRemoved(group);
            Report(list, group.Id, group.SmtpAddress ?? group.DisplayName, ImRemovalStatus.Removed, result.Response.ResponseCode, result.Duration);
        });

        /// <summary>The group named by id, SMTP address or name; null (after the warning) when the list has no such group.</summary>
        private KnownGroup? Find(ImListState list)
        {
            string name;
            KnownGroup? group;
            if (GroupId is not null)
            {
                name = GroupId.Id.Id;
                group = list.Group(GroupId.Id);
            }
            else if (Given(SmtpAddressToFind) is { } smtp)
            {
                name = smtp;
                group = list.FindDistributionGroup(smtp);
            }
            else if (Given(GroupName) is { } displayName)
            {
                name = displayName;
                group = list.FindGroup(displayName);
            }
            else
            {
                throw new MissingInputException("NoGroup", ItemType == "Group"
                    ? "Give the group with -GroupId or -GroupName."
                    : "Give the group with -SmtpAddress, -GroupId or -GroupName.");
            }

            if (group is null)
            {
                WriteWarning($"{list.Owner} has no {(ItemType == "Group" ? "group" : "distribution group")} '{name}'; nothing to remove.");
                Report(list, GroupId?.Id, name, ImRemovalStatus.NotFound, null, TimeSpan.Zero);
            }

            return group;
        }

        private void Report(ImListState list, ItemId? id, string name, ImRemovalStatus status, string? responseCode, TimeSpan duration)
        {
            if (PassThru)
            {
                WriteObject(new ImRemovalResult(list.Mailbox, ItemType, id, name, status, responseCode, duration));
            }
        }
    }
}
