using System;
using System.Threading.Tasks;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Remove-ImContactFromGroup's work for one row. The server deletes a contact that leaves its last group; a
    /// membership that is already gone (or a group the list lacks) is a warning with status NotMember, not an error.
    /// </summary>
    internal static class MembershipRemoval
    {
        public static async Task RunAsync(IListRow row, MembershipRequest input)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            var contact = ContactTarget.Resolve(list, input.ContactId, input.ImAddress);
            if (input.GroupId is null && InputText.Given(input.GroupName) is { } name && list.FindGroup(name) is null)
            {
                row.Warning($"{list.Owner} has no group '{name}'; nothing to remove.");
                input.Report(row, contact.Id, contact.ImAddress, null, name, ImMembershipStatus.NotMember, null, TimeSpan.Zero, 0);
                return;
            }

            // No group (an empty GroupName cell) is Other Contacts, where Add-ImContactToGroup puts such a row's contact.
            var group = GroupTarget.Resolve(list, input.GroupId, input.GroupName)
                ?? (list.OtherContacts is { } otherContacts ? GroupTarget.Of(otherContacts) : null)
                ?? throw new MissingInputException("NoGroup", "Give the group with -GroupId or -GroupName.");
            var groupName = group.Known?.DisplayName;

            // The list knows every member of the groups it shows, so a missing membership needs no request.
            if (contact.Id is null || group.Known is not null && !list.IsMember(contact.Id, group.Known))
            {
                NotMember(row, input, list, contact, group, groupName);
                return;
            }

            var leaves = group.Known is not null && list.IsLastGroup(contact.Id, group.Known)
                ? "; it is the contact's last group, so the contact leaves the IM list"
                : string.Empty;
            RemovalCheck.Admit(row, list, 1);
            if (!row.Confirm(list, $"Remove IM contact {contact.Describe()} from group {group.Describe()}{leaves}"))
            {
                return;
            }

            try
            {
                var result = await new RemoveMemberEdit(list, contact.Id, group.Id).ApplyAsync(row).ConfigureAwait(false);
                input.Report(row, contact.Id, contact.ImAddress, group.Id, groupName, ImMembershipStatus.Removed, result.Response.ResponseCode, result.Duration, result.Attempts);
            }
            catch (EwsResponseException ex) when (group.Known is not null && ex.ResponseCode == "ErrorInvalidImGroupId")
            {
                // For a group that exists this code means "not a member": someone removed it since the list was read.
                list.RecordRemovedFromGroup(contact.Id, group.Known);
                NotMember(row, input, list, contact, group, groupName);
            }
        }

        private static void NotMember(IListRow row, MembershipRequest input, ImListState list, ContactTarget contact, GroupTarget group, string? groupName)
        {
            var where = contact.Id is null ? $"in {list.Owner}" : $"a member of {group.Describe()} in {list.Owner}";
            row.Warning($"{contact.Describe()} is not {where}; nothing to remove.");
            input.Report(row, contact.Id, contact.ImAddress, group.Id, groupName, ImMembershipStatus.NotMember, null, TimeSpan.Zero, 0);
        }
    }
}
