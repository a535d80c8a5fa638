using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImContacts.Editing;
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
    public sealed class RemoveImContactCommand : ImWriteCmdlet, IRemovingCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ContactIdParameter? ContactId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.ImAddressCompleter))]
        public string? ImAddress { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(ContactId), ItemIdParameter.ProblemUnless(ContactId, ImAddress));
        }

        protected override void ProcessRecord()
        {
            var contactId = ContactId?.Id;
            var imAddress = ImAddress;
            ForCurrentInput(
                async row =>
                {
                    var list = await row.ListAsync().ConfigureAwait(false);
                    var contact = ContactTarget.Resolve(list, contactId, imAddress);
                    if (contact.Known is null)
                    {
                        row.Warning($"{contact.Describe()} is not in {list.Owner}; nothing to remove.");
                        Report(row, contact.Id, contact.ImAddress, ImRemovalStatus.NotFound, null, TimeSpan.Zero, 0);
                        return;
                    }

                    var groups = ImListState.Names(list.GroupsOf(contact.Known.Id).Select(g => g.DisplayName));
                    RemovalCheck.Admit(row, list, RemovalCheck.OfContact(list, contact.Known));
                    if (!row.Confirm(list, $"Remove IM contact {contact.Describe()} from the IM list (groups: {groups})"))
                    {
                        return;
                    }

                    var removed = await new ContactRemover(row).RemoveAsync(list, contact.Known).ConfigureAwait(false);
                    Report(row, contact.Id, contact.ImAddress, ImRemovalStatus.Removed, removed.ResponseCode, removed.Duration, removed.Attempts);
                },
                new[] { RowQueue.Key("contact", contactId?.Id ?? ImAddresses.Bare(imAddress ?? string.Empty)) },
                row => PassThru ? UnreportedRemoval(row, "Contact", contactId, InputText.Given(imAddress)) : null);
        }

        private void Report(PipelineRow row, ItemId? id, string? imAddress, ImRemovalStatus status, string? code, TimeSpan duration, int attempts)
        {
            if (PassThru)
            {
                row.Output(new ImRemovalResult(row.Mailbox.Name, "Contact", id, imAddress, status, code, duration, attempts, row.BackupFile));
            }
        }
    }
}
