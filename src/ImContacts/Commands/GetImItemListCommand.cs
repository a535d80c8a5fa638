using System;
using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>Get-ImItemList: a mailbox's whole IM list, every group and every persona (GetImItemList).</summary>
    [Cmdlet(VerbsCommon.Get, "ImItemList")]
    [OutputType(typeof(ImItemList))]
    public sealed class GetImItemListCommand : ImCmdlet
    {
        private ExtendedPropertyPath[] extendedProperties = Array.Empty<ExtendedPropertyPath>();

        /// <summary>MAPI properties to return with each item, e.g. '0x3001:String' (PR_DISPLAY_NAME).</summary>
        [Parameter]
        [ValidateNotNull]
        public ExtendedPropertyPath[]? ExtendedProperty { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            extendedProperties = ValidatedExtendedProperties(ExtendedProperty);
        }

        protected override void ProcessRecord()
        {
            var input = CurrentInput();
            if (!TryGetMailbox(input, out var mailbox))
            {
                return;
            }

            try
            {
                WriteObject(Invoke(new GetImItemListOperation(extendedProperties), mailbox).Value);
            }
            catch (EwsException ex)
            {
                WriteFailure(ex, input);
            }
        }
    }
}
