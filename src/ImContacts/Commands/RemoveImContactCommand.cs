using System;
using System.Linq;
using System.Management.Automation;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Remove-ImContact: removes an IM contact from the whole list (RemoveContactFromImList), falling back to removing it
    /// from each of its groups when the server rejects that. A contact that is already gone is a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ImContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImRemovalResult))]
    public sealed class RemoveImContactCommand : ImListCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ContactIdParameter? ContactId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ImAddress { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var contact = ResolveContact(list, ContactId, ImAddress);
            if (contact.Known is null)
            {
                WriteWarning($"{contact.Describe()} is not in {list.Owner}; nothing to remove.");
                Report(mailbox, contact, ImRemovalStatus.NotFound, null, TimeSpan.Zero);
                return;
            }

            var groups = ImListState.Names(list.GroupsOf(contact.Known.Id).Select(g => g.DisplayName));
            if (!Confirm(list, $"Remove IM contact {contact.Describe()} from the IM list (groups: {groups})"))
            {
                return;
            }

            var (code, duration) = new ContactRemover(this).Remove(list, contact.Known);
            Report(mailbox, contact, ImRemovalStatus.Removed, code, duration);
        });

        private void Report(string? mailbox, ContactTarget contact, ImRemovalStatus status, string? code, TimeSpan duration)
        {
            if (PassThru)
            {
                WriteObject(new ImRemovalResult(mailbox, "Contact", contact.Id, contact.ImAddress, status, code, duration));
            }
        }
    }
}
