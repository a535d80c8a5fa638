using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Add-ImDistributionGroup: adds a distribution group to the IM list by its SMTP address (AddDistributionGroupToImList)
    /// and returns the new group entry. An address already in the list is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ImDistributionGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImGroup))]
    public sealed class AddImDistributionGroupCommand : ImWriteCmdlet
    {
        /// <summary>Binds PrimarySmtpAddress too, so Get-DistributionGroup output pipes straight in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrimarySmtpAddress")]
        [ValidateNotNullOrEmpty]
        public string SmtpAddress { get; set; } = null!;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(DisplayName), InputText.NameProblem(InputText.Given(DisplayName), nameof(DisplayName)));
        }

        protected override void ProcessRecord()
        {
            var (smtpAddress, displayName) = (SmtpAddress, DisplayName);
            ForCurrentInput(row => AddAsync(row, smtpAddress, displayName), new[] { RowQueue.Key("distribution group", smtpAddress) });
        }

        private static async Task AddAsync(PipelineRow row, string smtpAddress, string? displayName)
        {
            var smtp = DistributionGroupAddress.Check(smtpAddress);
            var list = await row.ListAsync().ConfigureAwait(false);

            // The server answers an address already listed with that entry, unchanged.
            if (list.FindDistributionGroup(smtp) is { } existing)
            {
                row.Warning($"{list.Owner} already has the distribution group {existing.Describe()} <{existing.SmtpAddress}>; returning it unchanged.");
                row.Output(existing.ToImGroup());
                return;
            }

            // The schema requires a name; the server does no directory lookup, so the address is the honest default.
            var name = InputText.Given(displayName) ?? smtp;
            list.CheckGroupLimit();
            if (!row.Confirm(list, $"Add distribution group <{smtp}> as '{name}' to the IM list"))
            {
                return;
            }

            var result = await new AddDistributionGroupEdit(list, smtp, name).ApplyAsync(row).ConfigureAwait(false);
            row.Output(result.Value);
        }
    }
}
