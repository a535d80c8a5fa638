using System;
using System.Threading.Tasks;
using System.Collections.Generic;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Add-ImContactToGroup's work for one row: adds the contact to the group (AddImContactToGroup); with -CreateContact,
    /// an address not yet in the list is created in the group (AddNewImContactToGroup); with -CreateGroup, a group name the
    /// list lacks is created first, once per list. A membership that already exists is a warning.
    /// </summary>
    internal sealed class MembershipAddition
    {
        private readonly ImListCache lists;
        private readonly bool createContact;
        private readonly bool createGroup;
        private readonly bool whatIf;

        // Groups whose creation this -WhatIf run has shown, per list; rows run one at a time under -WhatIf.
        private readonly HashSet<string> plannedGroups = new HashSet<string>(StringComparer.Ordinal);

        public MembershipAddition(ImListCache lists, bool createContact, bool createGroup, bool whatIf)
        {
            this.lists = lists;
            this.createContact = createContact;
            this.createGroup = createGroup;
            this.whatIf = whatIf;
        }

        /// <summary>Does the row's work; <paramref name="displayName"/> names a contact -CreateContact creates.</summary>
        public async Task RunAsync(IListRow row, MembershipRequest input, string? displayName)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            GroupTarget? group;
            var groupCreated = false;
            if (input.GroupId is null && InputText.Given(input.GroupName) is { } name && list.FindGroup(name) is null)
            {
                if (!createGroup)
                {
                    list.RequireGroup(name, " Add -CreateGroup to create it, or use New-ImGroup.");
                }

                if (whatIf)
                {
                    PlanForNewGroup(row, list, name, input, displayName);
                    return;
                }

                // Null: -Confirm was declined.
                (group, groupCreated) = await CreateMissingGroupAsync(row, list, name).ConfigureAwait(false);
                if (group is null)
                {
                    return;
                }
            }
            else
            {
                group = GroupTarget.Resolve(list, input.GroupId, input.GroupName);
            }

            var contact = ContactTarget.Resolve(list, input.ContactId, input.ImAddress);
            var groupName = group?.Known?.DisplayName ?? (group is null ? list.OtherContacts?.DisplayName : null);
            var effectiveGroup = group?.Known ?? (group is null ? list.OtherContacts : null);
            if (contact.Id is null)
            {
                if (!createContact)
                {
                    throw list.ContactNotFound(contact.ImAddress!, " Add -CreateContact to create it in the group, or use New-ImContact.");
                }

                list.CheckContactLimit();
                if (!row.Confirm(list, $"Create IM contact <{contact.ImAddress}>{Named(displayName)} in group {Describe(group, groupName)}"))
                {
                    return;
                }

                var created = await new CreateContactEdit(list, contact.ImAddress!, displayName, group?.Id).ApplyAsync(row).ConfigureAwait(false);
                input.Report(row, created.Value.ContactId, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Created, created.Response.ResponseCode, created.Duration, created.Attempts, groupCreated);
                return;
            }

            if (effectiveGroup is not null && list.IsMember(contact.Id, effectiveGroup))
            {
                row.Warning($"{contact.Describe()} already is a member of {effectiveGroup.Describe()} in {list.Owner}; nothing to do.");
                input.Report(row, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.AlreadyMember, null, TimeSpan.Zero, 0);
                return;
            }

            if (!row.Confirm(list, $"Add IM contact {contact.Describe()} to group {Describe(group, groupName)}"))
            {
                return;
            }

            var result = await new AddMemberEdit(list, contact.Id, group?.Id).ApplyAsync(row).ConfigureAwait(false);
            input.Report(row, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Added, result.Response.ResponseCode, result.Duration, result.Attempts, groupCreated);
        }

        /// <summary>
        /// The group for a name the list lacks, created now (by the first row that needs it, which Created tells; the
        /// others wait for it); null when -Confirm declined it.
        /// </summary>
        private async Task<(GroupTarget? Group, bool Created)> CreateMissingGroupAsync(IListRow row, ImListState list, string name)
        {
            var createdHere = false;
            var group = await lists.OnceAsync<KnownGroup>(NewGroupKey(list, name), () => list.FindGroup(name), async () =>
            {
                list.CheckGroupLimit();
                if (!row.Confirm(list, $"Create IM group '{name}'"))
                {
                    return null;
                }

                createdHere = true;
                var edit = new CreateGroupEdit(list, name);
                await edit.ApplyAsync(row).ConfigureAwait(false);
                return edit.Created;
            }).ConfigureAwait(false);
            return (group is null ? null : GroupTarget.Of(group), createdHere);
        }

        /// <summary>
        /// -WhatIf for a row whose group would be created: the group's creation once per list, then what this row would do
        /// in it, so that the plan shows every contact to be created or added, not the group again.
        /// </summary>
        private void PlanForNewGroup(IListRow row, ImListState list, string name, MembershipRequest input, string? displayName)
        {
            if (plannedGroups.Add(NewGroupKey(list, name)))
            {
                list.CheckGroupLimit();
                row.Confirm(list, $"Create IM group '{name}'");
            }

            var contact = ContactTarget.Resolve(list, input.ContactId, input.ImAddress);
            if (contact.Id is not null)
            {
                row.Confirm(list, $"Add IM contact {contact.Describe()} to new group '{name}'");
                return;
            }

            if (!createContact)
            {
                throw list.ContactNotFound(contact.ImAddress!, " Add -CreateContact to create it in the group, or use New-ImContact.");
            }

            list.CheckContactLimit();
            row.Confirm(list, $"Create IM contact <{contact.ImAddress}>{Named(displayName)} in new group '{name}'");
        }

        private static string NewGroupKey(ImListState list, string name) => "new group " + list.Mailbox.Key + ":" + name.Trim().ToLowerInvariant();

        private static string Named(string? displayName) => displayName is null ? string.Empty : $" '{displayName}'";

        private static string Describe(GroupTarget? group, string? name) => group?.Describe() ?? $"'{name ?? "Other Contacts"}'";
    }
}
