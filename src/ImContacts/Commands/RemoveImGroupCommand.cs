using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImGroup: removes an IM user group (RemoveImGroup). Members that are in no other group leave the list with it.
    /// A group that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImGroupCommand : ImListCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GroupName { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var removal = new GroupRemoval(this, list, "Group", PassThru);
            var group = removal.Find(GroupId, GroupName, null);
            if (group is null)
            {
                return;
            }

            if (!group.IsUserGroup)
            {
                var hint = group.IsDistributionGroup ? " Use Remove-ImDistributionGroup for distribution groups." : string.Empty;
                throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId",
                    $"{group.Describe()} is a {group.Kind}; only user groups can be removed.{hint} Nothing was sent.", list.Mailbox);
            }

            var leaving = list.MembersLeavingWith(group).Count;
            var effect = group.Members.Count == 0
                ? "it has no members"
                : $"{group.Members.Count} member(s); {leaving} of them in no other group leave the IM list";
            if (!Confirm(list, $"Remove IM group {group.Describe()} ({effect})"))
            {
                return;
            }

            var result = Invoke(new RemoveImGroupOperation(group.Id), mailbox);
            list.RecordGroupRemoved(group);
            removal.Report(group, ImRemovalStatus.Removed, result.Response.ResponseCode, result.Duration);
        });
    }
}
