using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>
    /// The binding floor: what PowerShell itself costs per CSV-shaped row for a compiled cmdlet with three by-property-name
    /// parameters and ShouldProcess, writing one small object, as Add-ImContactToGroup does.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Trivial", SupportsShouldProcess = true)]
    public sealed class SetTrivialCommand : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Mailbox { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ImAddress { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GroupName { get; set; }

        protected override void ProcessRecord()
        {
            if (ShouldProcess(Mailbox, $"Add {ImAddress} to {GroupName}"))
            {
                WriteObject(ImAddress);
            }
        }
    }
}
