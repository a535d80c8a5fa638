using System;
using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Add-ImContactToGroup: adds an IM contact to an IM group (AddImContactToGroup); with -CreateContact, an address not
    /// yet in the list is created in the group (AddNewImContactToGroup). A membership that already exists is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ImContactToGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImMembershipResult))]
    public sealed class AddImContactToGroupCommand : ImMembershipCmdlet
    {
        /// <summary>Creates the contact when -ImAddress is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateContact { get; set; }

        /// <summary>Creates the user group when -GroupName is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateGroup { get; set; }

        /// <summary>The display name of a contact that -CreateContact creates.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            GroupTarget? group;
            if (GroupId is null && Given(GroupName) is { } name && list.FindGroup(name) is null)
            {
                // Without -CreateGroup this fails with ImGroupNotFound; null means -WhatIf or a declined -Confirm.
                group = CreateMissingGroup(list, name);
                if (group is null)
                {
                    return;
                }
            }
            else
            {
                group = ResolveGroup(list, GroupId, GroupName);
            }

            var contact = ResolveContact(list, ContactId, ImAddress);
            var groupName = group?.Known?.DisplayName ?? (group is null ? list.OtherContacts?.DisplayName : null);
            var effectiveGroup = group?.Known ?? (group is null ? list.OtherContacts : null);

            if (contact.Id is null)
            {
                if (!CreateContact)
                {
                    throw list.ContactNotFound(contact.ImAddress!, " Add -CreateContact to create it in the group, or use New-ImContact.");
                }

                list.CheckContactLimit();
                var displayName = Given(DisplayName);
                if (!Confirm(list, $"Create IM contact <{contact.ImAddress}>{(displayName is null ? string.Empty : $" '{displayName}'")} in group {Describe(group, groupName)}"))
                {
                    return;
                }

                var created = Invoke(new AddNewImContactToGroupOperation(ImAddresses.Bare(contact.ImAddress!), displayName, group?.Id), mailbox);
                list.RecordCreated(created.Value, effectiveGroup);
                Report(mailbox, created.Value.ContactId, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Created, created.Response.ResponseCode, created.Duration);
                return;
            }

            if (effectiveGroup is not null && list.IsMember(contact.Id, effectiveGroup))
            {
                WriteWarning($"{contact.Describe()} already is a member of {effectiveGroup.Describe()} in {list.Owner}; nothing to do.");
                Report(mailbox, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.AlreadyMember, null, TimeSpan.Zero);
                return;
            }

            if (!Confirm(list, $"Add IM contact {contact.Describe()} to group {Describe(group, groupName)}"))
            {
                return;
            }

            var result = Invoke(new AddImContactToGroupOperation(contact.Id, group?.Id), mailbox);
            list.RecordAdded(contact.Id, effectiveGroup);
            Report(mailbox, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Added, result.Response.ResponseCode, result.Duration);
        });

        /// <summary>The group for a name the list lacks, created now with -CreateGroup; null when -WhatIf or -Confirm declined it.</summary>
        private GroupTarget? CreateMissingGroup(ImListState list, string name)
        {
            if (!CreateGroup)
            {
                list.RequireGroup(name, " Add -CreateGroup to create it, or use New-ImGroup.");
            }

            list.CheckGroupLimit();
            if (!Confirm(list, $"Create IM group '{name}'"))
            {
                return null;
            }

            return GroupTarget.Of(list.RecordGroupAdded(Invoke(new AddImGroupOperation(name), list.Mailbox).Value));
        }

        private static string Describe(GroupTarget? group, string? name) =>
            group?.Describe() ?? $"'{name ?? "Other Contacts"}'";
    }
}
