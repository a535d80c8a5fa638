using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>New-ImGroup: creates an IM user group (AddImGroup) and returns it. A name already in use is a warning.</summary>
    [Cmdlet(VerbsCommon.New, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImGroup))]
    public sealed class NewImGroupCommand : ImListCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName")]
        [ValidateNotNullOrEmpty]
        public string DisplayName { get; set; } = null!;

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var name = Given(DisplayName) ?? throw new System.ArgumentException("-DisplayName is empty. Give the new group's name.", nameof(DisplayName));

            // The server answers an existing name (any case, any kind of group) with that group instead of an error.
            if (list.FindGroup(name) is { } existing)
            {
                WriteWarning($"{list.Owner} already has the {existing.Kind} {existing.Describe()}; returning it unchanged.");
                WriteObject(existing.ToImGroup());
                return;
            }

            list.CheckGroupLimit();
            if (!Confirm(list, $"Create IM group '{name}'"))
            {
                return;
            }

            var result = Invoke(new AddImGroupOperation(name), mailbox);
            list.RecordGroupAdded(result.Value);
            WriteObject(result.Value);
        });
    }
}
