using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Editing;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>New-ImGroup: creates an IM user group (AddImGroup) and returns it. A name already in use is a warning.</summary>
    [Cmdlet(VerbsCommon.New, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImGroup))]
    public sealed class NewImGroupCommand : ImWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName")]
        [ValidateNotNullOrEmpty]
        public string DisplayName { get; set; } = null!;

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(DisplayName), InputText.NameProblem(InputText.Given(DisplayName), nameof(DisplayName)));
        }

        protected override void ProcessRecord()
        {
            var displayName = DisplayName;
            ForCurrentInput(row => CreateAsync(row, displayName), new[] { RowQueue.Key("group", displayName) });
        }

        private static async Task CreateAsync(PipelineRow row, string displayName)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            var name = InputText.Given(displayName) ?? throw new System.ArgumentException("-DisplayName is empty. Give the new group's name.", nameof(DisplayName));

            // The server answers an existing name (any case, any kind of group) with that group instead of an error.
            if (list.FindGroup(name) is { } existing)
            {
                row.Warning($"{list.Owner} already has the {existing.Kind} {existing.Describe()}; returning it unchanged.");
                row.Output(existing.ToImGroup());
                return;
            }

            list.CheckGroupLimit();
            if (!row.Confirm(list, $"Create IM group '{name}'"))
            {
                return;
            }

            var result = await new CreateGroupEdit(list, name).ApplyAsync(row).ConfigureAwait(false);
            row.Output(result.Value);
        }
    }
}
