using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Add-ImContactToGroup: adds an IM contact to an IM group (AddImContactToGroup); with -CreateContact, an address not
    /// yet in the list is created in the group (AddNewImContactToGroup). A membership that already exists is a warning.
    /// The row's work is MembershipAddition's.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ImContactToGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImMembershipResult))]
    public sealed class AddImContactToGroupCommand : ImWriteCmdlet
    {
        private MembershipAddition addition = null!;

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

        /// <summary>Creates the contact when -ImAddress is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateContact { get; set; }

        /// <summary>Creates the user group when -GroupName is not in the list yet.</summary>
        [Parameter]
        public SwitchParameter CreateGroup { get; set; }

        /// <summary>The display name of a contact that -CreateContact creates.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            addition = new MembershipAddition(Lists, CreateContact, CreateGroup, WhatIfRun);
        }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            foreach (var problem in MembershipProblems(ContactId, ImAddress, GroupId, GroupName))
            {
                yield return problem;
            }

            yield return (nameof(DisplayName), InputText.NameProblem(InputText.Given(DisplayName), nameof(DisplayName)));
            if (CreateGroup)
            {
                yield return (nameof(GroupName), InputText.NameProblem(InputText.Given(GroupName), nameof(GroupName)));
            }
        }

        protected override void ProcessRecord()
        {
            var input = new MembershipRequest(ContactId?.Id, ImAddress, GroupId?.Id, GroupName, PassThru);
            var displayName = InputText.Given(DisplayName);
            ChangeMembership(input, row => addition.RunAsync(row, input, displayName));
        }
    }
}
