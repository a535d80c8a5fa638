using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Add-ImDistributionGroup: adds a distribution group to the IM list by its SMTP address (AddDistributionGroupToImList)
    /// and returns the new group entry. An address already in the list is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ImDistributionGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImGroup))]
    public sealed class AddImDistributionGroupCommand : ImListCmdlet
    {
        /// <summary>Binds PrimarySmtpAddress too, so Get-DistributionGroup output pipes straight in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        [ValidateNotNullOrEmpty]
        public string SmtpAddress { get; set; } = null!;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var smtp = DistributionGroupAddress.Check(SmtpAddress);
            var list = Lists.Get(mailbox);

            // The server answers an address already listed with that entry, unchanged.
            if (list.FindDistributionGroup(smtp) is { } existing)
            {
                WriteWarning($"{list.Owner} already has the distribution group {existing.Describe()} <{existing.SmtpAddress}>; returning it unchanged.");
                WriteObject(existing.ToImGroup());
                return;
            }

            // The schema requires a name; the server does no directory lookup, so the address is the honest default.
            var name = Given(DisplayName) ?? smtp;
            list.CheckGroupLimit();
            if (!Confirm(list, $"Add distribution group <{smtp}> as '{name}' to the IM list"))
            {
                return;
            }

            var result = Invoke(new AddDistributionGroupToImListOperation(smtp, name), mailbox);
            list.RecordGroupAdded(result.Value);
            WriteObject(result.Value);
        });
    }
}
