using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
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
        // Groups whose creation this -WhatIf run has shown, per list; rows run one at a time under -WhatIf.
        private readonly HashSet<string> plannedGroups = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Creates the contact when -ImAddress is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateContact { get; set; }

        /// <summary>Creates the user group when -GroupName is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateGroup { get; set; }

        /// <summary>The display name of a contact that -CreateContact creates.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            foreach (var problem in base.InputProblems())
            {
                yield return problem;
            }

            yield return (nameof(DisplayName), InputText.NameProblem(Given(DisplayName), nameof(DisplayName)));
            if (CreateGroup)
            {
                yield return (nameof(GroupName), InputText.NameProblem(Given(GroupName), nameof(GroupName)));
            }
        }

        protected override void ProcessRecord()
        {
            var displayName = Given(DisplayName);
            ForMembershipRow((row, input) =>
            {
                var list = row.List();
                GroupTarget? group;
                var groupCreated = false;
                if (input.GroupId is null && Given(input.GroupName) is { } name && list.FindGroup(name) is null)
                {
                    if (!CreateGroup)
                    {
                        list.RequireGroup(name, " Add -CreateGroup to create it, or use New-ImGroup.");
                    }

                    if (WhatIfRun)
                    {
                        PlanForNewGroup(row, list, name, input, displayName);
                        return;
                    }

                    // Null: -Confirm was declined.
                    group = CreateMissingGroup(row, list, name, out groupCreated);
                    if (group is null)
                    {
                        return;
                    }
                }
                else
                {
                    group = ResolveGroup(list, input.GroupId, input.GroupName);
                }

                var contact = ResolveContact(list, input.ContactId, input.ImAddress);
                var groupName = group?.Known?.DisplayName ?? (group is null ? list.OtherContacts?.DisplayName : null);
                var effectiveGroup = group?.Known ?? (group is null ? list.OtherContacts : null);

                if (contact.Id is null)
                {
                    if (!CreateContact)
                    {
                        throw list.ContactNotFound(contact.ImAddress!, " Add -CreateContact to create it in the group, or use New-ImContact.");
                    }

                    list.CheckContactLimit();
                    if (!row.Confirm(list, $"Create IM contact <{contact.ImAddress}>{(displayName is null ? string.Empty : $" '{displayName}'")} in group {Describe(group, groupName)}"))
                    {
                        return;
                    }

                    var created = new CreateContactEdit(list, contact.ImAddress!, displayName, group?.Id).Apply(row);
                    Report(row, created.Value.ContactId, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Created, created.Response.ResponseCode, created.Duration, created.Attempts, groupCreated);
                    return;
                }

                if (effectiveGroup is not null && list.IsMember(contact.Id, effectiveGroup))
                {
                    row.Warning($"{contact.Describe()} already is a member of {effectiveGroup.Describe()} in {list.Owner}; nothing to do.");
                    Report(row, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.AlreadyMember, null, TimeSpan.Zero, 0);
                    return;
                }

                if (!row.Confirm(list, $"Add IM contact {contact.Describe()} to group {Describe(group, groupName)}"))
                {
                    return;
                }

                var result = new AddMemberEdit(list, contact.Id, group?.Id).Apply(row);
                Report(row, contact.Id, contact.ImAddress, group?.Id, groupName, ImMembershipStatus.Added, result.Response.ResponseCode, result.Duration, result.Attempts, groupCreated);
            });
        }

        /// <summary>
        /// The group for a name the list lacks, created now with -CreateGroup (by the first row that needs it, which
        /// <paramref name="created"/> tells; the others wait for it); null when -Confirm declined it.
        /// </summary>
        private GroupTarget? CreateMissingGroup(PipelineRow row, ImListState list, string name, out bool created)
        {
            var createdHere = false;
            var group = Lists.Once<KnownGroup>(Key("new group " + list.Mailbox, name), () => list.FindGroup(name), () =>
            {
                list.CheckGroupLimit();
                if (!row.Confirm(list, $"Create IM group '{name}'"))
                {
                    return null;
                }

                createdHere = true;
                var edit = new CreateGroupEdit(list, name);
                edit.Apply(row);
                return edit.Created;
            });
            created = createdHere;
            return group is null ? null : GroupTarget.Of(group);
        }

        /// <summary>
        /// -WhatIf for a row whose group -CreateGroup would create: the group's creation once per list, then what this
        /// row would do in it, so that the plan shows every contact to be created or added, not the group again.
        /// </summary>
        private void PlanForNewGroup(PipelineRow row, ImListState list, string name, MembershipInput input, string? displayName)
        {
            if (plannedGroups.Add(Key("new group " + list.Mailbox, name)))
            {
                list.CheckGroupLimit();
                row.Confirm(list, $"Create IM group '{name}'");
            }

            var contact = ResolveContact(list, input.ContactId, input.ImAddress);
            if (contact.Id is not null)
            {
                row.Confirm(list, $"Add IM contact {contact.Describe()} to new group '{name}'");
                return;
            }

            if (!CreateContact)
            {
                throw list.ContactNotFound(contact.ImAddress!, " Add -CreateContact to create it in the group, or use New-ImContact.");
            }

            list.CheckContactLimit();
            row.Confirm(list, $"Create IM contact <{contact.ImAddress}>{(displayName is null ? string.Empty : $" '{displayName}'")} in new group '{name}'");
        }

        private static string Describe(GroupTarget? group, string? name) =>
            group?.Describe() ?? $"'{name ?? "Other Contacts"}'";
    }
}
