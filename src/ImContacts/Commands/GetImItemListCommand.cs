using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>Get-ImItemList: a mailbox's whole IM list, every group and every persona (GetImItemList).</summary>
    [Cmdlet(VerbsCommon.Get, "ImItemList")]
    [OutputType(typeof(ImItemList))]
    public sealed class GetImItemListCommand : ImReadCmdlet
    {
        protected override void ProcessRecord()
        {
            var input = CurrentInput();
            if (CheckMailbox(input, out var mailbox) is { } invalid)
            {
                WriteError(invalid);
                return;
            }

            try
            {
                WriteObject(Invoke(new GetImItemListOperation(ExtendedProperties), mailbox!).Value);
            }
            catch (EwsException ex)
            {
                WriteFailure(ex, input);
            }
        }
    }
}
