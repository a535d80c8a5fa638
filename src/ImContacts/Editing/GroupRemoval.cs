using System;
using System.Threading.Tasks;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Remove-ImGroup's and Remove-ImDistributionGroup's work for one row: find the group, refuse the wrong kind before
    /// sending, confirm, remove, and report a group that is already gone as a warning with status NotFound, so that a
    /// job can be run again.
    /// </summary>
    internal sealed class GroupRemoval
    {
        private readonly bool distributionGroups;
        private readonly bool passThru;

        /// <param name="distributionGroups">Distribution-group entries (Remove-ImDistributionGroup), else user groups.</param>
        /// <param name="passThru">Whether each row gives an ImRemovalResult.</param>
        public GroupRemoval(bool distributionGroups, bool passThru)
        {
            this.distributionGroups = distributionGroups;
            this.passThru = passThru;
        }

        /// <summary>Group or DistributionGroup, as ImRemovalResult.ItemType says.</summary>
        public string ItemType => distributionGroups ? "DistributionGroup" : "Group";

        /// <summary>Removes the group the row names by id, else by SMTP address (distribution groups), else by name.</summary>
        public async Task RunAsync(IListRow row, ItemId? groupId, string? smtpAddress, string? groupName)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            var group = Find(row, list, groupId, smtpAddress, groupName);
            if (group is null)
            {
                return;
            }

            if (distributionGroups ? !group.IsDistributionGroup : !group.IsUserGroup)
            {
                throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId", $"{Refusal(group)} Nothing was sent.", list.Mailbox);
            }

            RemovalCheck.Admit(row, list, RemovalCheck.OfGroup(group));
            if (!row.Confirm(list, Action(list, group)))
            {
                return;
            }

            var result = distributionGroups
                ? await new RemoveDistributionGroupEdit(list, group).ApplyAsync(row).ConfigureAwait(false)
                : await new RemoveGroupEdit(list, group).ApplyAsync(row).ConfigureAwait(false);
            Report(row, group.Id, group.SmtpAddress ?? group.DisplayName, ImRemovalStatus.Removed, result.Response.ResponseCode, result.Duration, result.Attempts);
        }

        private string Refusal(KnownGroup group) => distributionGroups
            ? $"{group.Describe()} is a {group.Kind}, not a distribution group." + (group.IsUserGroup ? " Use Remove-ImGroup for user groups." : string.Empty)
            : $"{group.Describe()} is a {group.Kind}; only user groups can be removed." + (group.IsDistributionGroup ? " Use Remove-ImDistributionGroup for distribution groups." : string.Empty);

        private string Action(ImListState list, KnownGroup group)
        {
            if (distributionGroups)
            {
                return $"Remove distribution group {group.Describe()} <{group.SmtpAddress}> from the IM list";
            }

            var effect = group.Members.Count == 0
                ? "it has no members"
                : $"{group.Members.Count} member(s); {list.MembersLeavingWith(group).Count} of them in no other group leave the IM list";
            return $"Remove IM group {group.Describe()} ({effect})";
        }

        /// <summary>The group named by id, SMTP address or name; null (after the warning) when the list has no such group.</summary>
        private KnownGroup? Find(IListRow row, ImListState list, ItemId? groupId, string? smtpAddress, string? groupName)
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
                throw new MissingInputException("NoGroup", distributionGroups
                    ? "Give the group with -SmtpAddress, -GroupId or -GroupName."
                    : "Give the group with -GroupId or -GroupName.");
            }

            if (group is null)
            {
                row.Warning($"{list.Owner} has no {(distributionGroups ? "distribution group" : "group")} '{name}'; nothing to remove.");
                Report(row, groupId, name, ImRemovalStatus.NotFound, null, TimeSpan.Zero, 0);
            }

            return group;
        }

        private void Report(IListRow row, ItemId? id, string name, ImRemovalStatus status, string? responseCode, TimeSpan duration, int attempts)
        {
            if (passThru)
            {
                row.Output(new ImRemovalResult(row.Mailbox.Name, ItemType, id, name, status, responseCode, duration, attempts, row.BackupFile));
            }
        }
    }
}
