using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImDistributionGroup: removes a distribution-group entry from the IM list (RemoveDistributionGroupFromImList).
    /// An entry that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImDistributionGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImDistributionGroupCommand : ImListCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        public string? SmtpAddress { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var removal = new GroupRemoval(this, list, "DistributionGroup", PassThru);
            var group = removal.Find(GroupId, GroupName, SmtpAddress);
            if (group is null)
            {
                return;
            }

            if (!group.IsDistributionGroup)
            {
                var hint = group.IsUserGroup ? " Use Remove-ImGroup for user groups." : string.Empty;
                throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId",
                    $"{group.Describe()} is a {group.Kind}, not a distribution group.{hint} Nothing was sent.", list.Mailbox);
            }

            if (!Confirm(list, $"Remove distribution group {group.Describe()} <{group.SmtpAddress}> from the IM list"))
            {
                return;
            }

            var result = Invoke(new RemoveDistributionGroupFromImListOperation(group.Id), mailbox);
            list.RecordGroupRemoved(group);
            removal.Report(group, ImRemovalStatus.Removed, result.Response.ResponseCode, result.Duration);
        });
    }
}
