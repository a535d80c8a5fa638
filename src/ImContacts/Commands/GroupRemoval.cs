using System;
using System.Management.Automation;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// What Remove-ImGroup and Remove-ImDistributionGroup share: finding the group to remove, and reporting a group that
    /// is already gone as a warning with status NotFound rather than as an error, so a removal can be re-run.
    /// </summary>
    internal sealed class GroupRemoval
    {
        private readonly Cmdlet cmdlet;
        private readonly ImListState list;
        private readonly string itemType;
        private readonly bool passThru;

        public GroupRemoval(Cmdlet cmdlet, ImListState list, string itemType, bool passThru)
        {
            this.cmdlet = cmdlet;
            this.list = list;
            this.itemType = itemType;
            this.passThru = passThru;
        }

        /// <summary>The group named by id, SMTP address or name; null (after the warning) when the list has no such group.</summary>
        public KnownGroup? Find(GroupIdParameter? groupId, string? groupName, string? smtpAddress)
        {
            string name;
            KnownGroup? group;
            if (groupId is not null)
            {
                name = groupId.Id.Id;
                group = list.Group(groupId.Id);
            }
            else if (ImListCmdlet.Given(smtpAddress) is { } smtp)
            {
                name = smtp;
                group = list.FindDistributionGroup(smtp);
            }
            else if (ImListCmdlet.Given(groupName) is { } displayName)
            {
                name = displayName;
                group = list.FindGroup(displayName);
            }
            else
            {
                throw new MissingInputException("NoGroup",
                    itemType == "Group" ? "Give the group with -GroupId or -GroupName." : "Give the group with -SmtpAddress, -GroupId or -GroupName.");
            }

            if (group is null)
            {
                cmdlet.WriteWarning($"{list.Owner} has no {(itemType == "Group" ? "group" : "distribution group")} '{name}'; nothing to remove.");
                if (passThru)
                {
                    cmdlet.WriteObject(new ImRemovalResult(list.Mailbox, itemType, groupId?.Id, name, ImRemovalStatus.NotFound, null, TimeSpan.Zero));
                }
            }

            return group;
        }

        public void Report(KnownGroup group, ImRemovalStatus status, string? responseCode, TimeSpan duration)
        {
            if (passThru)
            {
                cmdlet.WriteObject(new ImRemovalResult(list.Mailbox, itemType, group.Id, group.SmtpAddress ?? group.DisplayName, status, responseCode, duration));
            }
        }
    }
}
