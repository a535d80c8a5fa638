using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>What Add-ImContactToGroup and Remove-ImContactFromGroup share: a contact and a group, by id or by name, and -PassThru.</summary>
    public abstract class ImMembershipCmdlet : ImWriteCmdlet
    {
        /// <summary>The IM contact: its id, or a Persona from Get-ImItem / Get-ImItemList.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ContactIdParameter? ContactId { get; set; }

        /// <summary>The group: its id, or an ImGroup.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        /// <summary>The IM contact by its IM address, with or without sip:.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.ImAddressCompleter))]
        public string? ImAddress { get; set; }

        /// <summary>The group by its display name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// Queues the current row with its contact and group as bound now; with -PassThru, a row that fails or is skipped
        /// still gives its result object.
        /// </summary>
        private protected void ForMembershipRow(Action<PipelineRow, MembershipInput> body)
        {
            var input = new MembershipInput(ContactId?.Id, GroupId?.Id, ImAddress, GroupName);
            ForCurrentInput(
                row => body(row, input),
                // Rows naming the same group run in input order, so they finish (and are written) in that order, rather
                // than all waking when the list is read and racing for the group's claim.
                new[] { Key("contact", input.ContactId?.Id ?? ImAddresses.Bare(input.ImAddress ?? string.Empty)), Key("group", input.GroupId?.Id ?? Given(input.GroupName)) },
                row => PassThru
                    ? new ImMembershipResult(row.Mailbox, input.ContactId, Given(input.ImAddress), input.GroupId, Given(input.GroupName),
                        row.Failure is null ? ImMembershipStatus.Skipped : ImMembershipStatus.Failed, row.FailureId, TimeSpan.Zero, row.FailedAttempts)
                    : null);
        }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(ContactId), ItemIdParameter.ProblemUnless(ContactId, ImAddress));
            yield return (nameof(ImAddress), ContactId is null ? ImAddresses.Problem(ImAddress, nameof(ImAddress)) : null);
            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName));
            yield return (nameof(GroupName), BlankGroup(GroupId, GroupName));
        }

        /// <summary>With -PassThru, the row's result.</summary>
        private protected void Report(
            PipelineRow row, ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName, ImMembershipStatus status, string? code, TimeSpan duration, int attempts,
            bool groupCreated = false)
        {
            if (PassThru)
            {
                row.Output(new ImMembershipResult(row.Mailbox, contactId, imAddress, groupId, groupName, status, code, duration, attempts, groupCreated));
            }
        }

        /// <summary>A row's contact and group as they were bound for it.</summary>
        private protected sealed class MembershipInput
        {
            public MembershipInput(ItemId? contactId, ItemId? groupId, string? imAddress, string? groupName)
            {
                ContactId = contactId;
                GroupId = groupId;
                ImAddress = imAddress;
                GroupName = groupName;
            }

            public ItemId? ContactId { get; }

            public ItemId? GroupId { get; }

            public string? ImAddress { get; }

            public string? GroupName { get; }
        }
    }
}
