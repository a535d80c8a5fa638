using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Ews;
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
    public sealed class RemoveImGroupCommand : ImGroupRemovalCmdlet
    {
        private protected override string ItemType => "Group";

        private protected override bool CanRemove(KnownGroup group) => group.IsUserGroup;

        private protected override string Refusal(KnownGroup group) =>
            $"{group.Describe()} is a {group.Kind}; only user groups can be removed."
            + (group.IsDistributionGroup ? " Use Remove-ImDistributionGroup for distribution groups." : string.Empty);

        private protected override string Action(ImListState list, KnownGroup group)
        {
            var effect = group.Members.Count == 0
                ? "it has no members"
                : $"{group.Members.Count} member(s); {list.MembersLeavingWith(group).Count} of them in no other group leave the IM list";
            return $"Remove IM group {group.Describe()} ({effect})";
        }

        private protected override ListEdit<EwsResponse> Removal(ImListState list, KnownGroup group) => new RemoveGroupEdit(list, group);
    }
}
