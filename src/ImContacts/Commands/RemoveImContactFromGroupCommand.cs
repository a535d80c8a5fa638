using System;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImContactFromGroup: removes an IM contact from one group (RemoveImContactFromGroup). The server deletes a
    /// contact that leaves its last group. A membership that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImContactFromGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImMembershipResult))]
    public sealed class RemoveImContactFromGroupCommand : ImMembershipCmdlet
    {
        protected override void ProcessRecord() => ForMembershipRow((row, input) =>
        {
            var list = row.List();
            var contact = ResolveContact(list, input.ContactId, input.ImAddress);
            if (input.GroupId is null && Given(input.GroupName) is { } name && list.FindGroup(name) is null)
            {
                // Like every removal, a group the list lacks already is the outcome asked for: a warning, not an error.
                row.Warning($"{list.Owner} has no group '{name}'; nothing to remove.");
                Report(row, contact.Id, contact.ImAddress, null, name, ImMembershipStatus.NotMember, null, TimeSpan.Zero, 0);
                return;
            }

            // No group (an empty GroupName cell) is Other Contacts, where Add-ImContactToGroup puts such a row's contact.
            var group = ResolveGroup(list, input.GroupId, input.GroupName)
                ?? (list.OtherContacts is { } otherContacts ? GroupTarget.Of(otherContacts) : null)
                ?? throw new MissingInputException("NoGroup", "Give the group with -GroupId or -GroupName.");
            var groupName = group.Known?.DisplayName;

            // The list knows every member of the groups it shows, so a missing membership needs no request.
            if (contact.Id is null || group.Known is not null && !list.IsMember(contact.Id, group.Known))
            {
                NotMember(row, list, contact, group, groupName);
                return;
            }

            var leaves = group.Known is not null && list.IsLastGroup(contact.Id, group.Known)
                ? "; it is the contact's last group, so the contact leaves the IM list"
                : string.Empty;
            if (!row.Confirm(list, $"Remove IM contact {contact.Describe()} from group {group.Describe()}{leaves}"))
            {
                return;
            }

            try
            {
                var result = new RemoveMemberEdit(list, contact.Id, group.Id).Apply(row);
                Report(row, contact.Id, contact.ImAddress, group.Id, groupName, ImMembershipStatus.Removed, result.Response.ResponseCode, result.Duration, result.Attempts);
            }
            catch (EwsResponseException ex) when (group.Known is not null && ex.ResponseCode == "ErrorInvalidImGroupId")
            {
                // For a group that exists this code means "not a member": someone removed it since the list was read.
                list.RecordRemovedFromGroup(contact.Id, group.Known);
                NotMember(row, list, contact, group, groupName);
            }
        });

        private void NotMember(PipelineRow row, ImListState list, ContactTarget contact, GroupTarget group, string? groupName)
        {
            var where = contact.Id is null ? $"in {list.Owner}" : $"a member of {group.Describe()} in {list.Owner}";
            row.Warning($"{contact.Describe()} is not {where}; nothing to remove.");
            Report(row, contact.Id, contact.ImAddress, group.Id, groupName, ImMembershipStatus.NotMember, null, TimeSpan.Zero, 0);
        }
    }
}
