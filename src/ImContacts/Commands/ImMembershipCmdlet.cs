using System;
using System.Management.Automation;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>What Add-ImContactToGroup and Remove-ImContactFromGroup share: a contact and a group, by id or by name, and -PassThru.</summary>
    public abstract class ImMembershipCmdlet : ImListCmdlet
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
        public string? ImAddress { get; set; }

        /// <summary>The group by its display name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>With -PassThru, the row's result.</summary>
        private protected void Report(
            string? mailbox, ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName, ImMembershipStatus status, string? code, TimeSpan duration)
        {
            if (PassThru)
            {
                WriteObject(new ImMembershipResult(mailbox, contactId, imAddress, groupId, groupName, status, code, duration));
            }
        }
    }
}
