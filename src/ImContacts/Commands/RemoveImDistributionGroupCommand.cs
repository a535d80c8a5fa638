using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImDistributionGroup: removes a distribution-group entry from the IM list (RemoveDistributionGroupFromImList).
    /// An entry that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImDistributionGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImDistributionGroupCommand : ImGroupRemovalCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        public string? SmtpAddress { get; set; }

        private protected override string ItemType => "DistributionGroup";

        private protected override string? SmtpAddressToFind => SmtpAddress;

        private protected override bool CanRemove(KnownGroup group) => group.IsDistributionGroup;

        private protected override string Refusal(KnownGroup group) =>
            $"{group.Describe()} is a {group.Kind}, not a distribution group." + (group.IsUserGroup ? " Use Remove-ImGroup for user groups." : string.Empty);

        private protected override string Action(ImListState list, KnownGroup group) =>
            $"Remove distribution group {group.Describe()} <{group.SmtpAddress}> from the IM list";

        private protected override ListEdit<EwsResponse> Removal(ImListState list, KnownGroup group) => new RemoveDistributionGroupEdit(list, group);
    }
}
