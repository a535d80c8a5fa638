using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImDistributionGroup: removes a distribution-group entry from the IM list (RemoveDistributionGroupFromImList).
    /// An entry that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImDistributionGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImDistributionGroupCommand : ImWriteCmdlet, IRemovingCmdlet
    {
        private GroupRemoval removal = null!;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        public string? SmtpAddress { get; set; }

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
            removal = new GroupRemoval(distributionGroups: true, PassThru);
        }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName ?? SmtpAddress));
        }

        protected override void ProcessRecord() => RemoveGroup(removal, GroupId?.Id, InputText.Given(SmtpAddress), InputText.Given(GroupName), PassThru);
    }
}
