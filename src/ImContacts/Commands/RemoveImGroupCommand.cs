using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImGroup: removes an IM user group (RemoveImGroup). Members that are in no other group leave the list with it.
    /// A group that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImGroupCommand : ImWriteCmdlet, IRemovingCmdlet
    {
        private GroupRemoval removal = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            removal = new GroupRemoval(distributionGroups: false, PassThru);
        }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName));
        }

        protected override void ProcessRecord() => RemoveGroup(removal, GroupId?.Id, null, InputText.Given(GroupName), PassThru);
    }
}
