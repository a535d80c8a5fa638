using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>Add-ImContactToGroup: adds an existing IM contact to an IM group (AddImContactToGroup).</summary>
    [Cmdlet(VerbsCommon.Add, "ImContactToGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImMembershipResult))]
    public sealed class AddImContactToGroupCommand : ImCmdlet
    {
        /// <summary>The IM contact: its id, or a Persona from Get-ImItem / Get-ImItemList.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ContactIdParameter ContactId { get; set; } = null!;

        /// <summary>The group: its id, or an ImGroup. Without it the server uses "Other Contacts".</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var input = CurrentInput();
            if (!TryGetMailbox(input, out var mailbox))
            {
                return;
            }

            var group = GroupId?.Id.Id ?? "Other Contacts";
            if (!ShouldProcess(mailbox ?? "the connected account's mailbox", $"Add IM contact {ContactId.Id.Id} to group {group}"))
            {
                return;
            }

            try
            {
                var result = Invoke(new AddImContactToGroupOperation(ContactId.Id, GroupId?.Id), mailbox);
                if (PassThru)
                {
                    WriteObject(new ImMembershipResult(mailbox, ContactId.Id, GroupId?.Id, ImMembershipStatus.Added,
                        result.Response.ResponseCode, result.Duration));
                }
            }
            catch (EwsException ex)
            {
                WriteFailure(ex, input);
            }
        }
    }
}
