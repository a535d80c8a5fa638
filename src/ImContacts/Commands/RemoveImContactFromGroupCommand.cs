using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImContactFromGroup: removes an IM contact from one group (RemoveImContactFromGroup). The server deletes a
    /// contact that leaves its last group. A membership that is already gone is a warning. The row's work is
    /// MembershipRemoval's.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImContactFromGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImMembershipResult))]
    public sealed class RemoveImContactFromGroupCommand : ImWriteCmdlet, IRemovingCmdlet
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

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems() => MembershipProblems(ContactId, ImAddress, GroupId, GroupName);

        protected override void ProcessRecord()
        {
            var input = new MembershipRequest(ContactId?.Id, ImAddress, GroupId?.Id, GroupName, PassThru);
            ChangeMembership(input, row => MembershipRemoval.RunAsync(row, input));
        }
    }
}
