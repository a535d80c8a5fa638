using System;
using System.Management.Automation;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// The cmdlets that work against a mailbox's IM list as a whole: names resolve, and changes are decided, against the
    /// list read once per mailbox per pipeline. Each input ends in one outcome: its output, a warning for a change
    /// already made, or one error record.
    /// </summary>
    public abstract class ImListCmdlet : ImCmdlet, IEwsInvoker
    {
        private static readonly ExtendedPropertyPath[] NoProperties = Array.Empty<ExtendedPropertyPath>();

        private ImListCache? lists;

        internal ImListCache Lists => lists!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            lists = new ImListCache(mailbox => Invoke(new GetImItemListOperation(NoProperties), mailbox).Value);
        }

        /// <summary>Runs <paramref name="body"/> for the current input with its validated mailbox; a failure becomes its error record.</summary>
        internal void ForCurrentInput(Action<string?, object> body)
        {
            var input = CurrentInput();
            if (!TryGetMailbox(input, out var mailbox))
            {
                return;
            }

            try
            {
                body(mailbox, input);
            }
            catch (Exception ex) when (ex is EwsException or ImListException or ArgumentException)
            {
                WriteFailure(ex, input);
            }
        }

        /// <summary>ShouldProcess with the mailbox as target, so -WhatIf and -Confirm name whose list changes.</summary>
        internal bool Confirm(ImListState list, string action) => ShouldProcess(list.Mailbox ?? "the connected account's mailbox", action);

        /// <summary>A name parameter given as an empty string (an empty CSV cell) counts as not given.</summary>
        internal static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        /// <summary>The group named by -GroupId or -GroupName (an id wins when a piped object carries both); null when neither.</summary>
        internal static GroupTarget? ResolveGroup(ImListState list, GroupIdParameter? groupId, string? groupName)
        {
            if (groupId is not null)
            {
                var known = list.Group(groupId.Id);
                return new GroupTarget(known?.Id ?? groupId.Id, known);
            }

            return Given(groupName) is { } name ? GroupTarget.Of(list.RequireGroup(name)) : null;
        }

        /// <summary>The contact named by -ContactId or -ImAddress; Known is null for an id or address the list does not show.</summary>
        internal static ContactTarget ResolveContact(ImListState list, ContactIdParameter? contactId, string? imAddress)
        {
            if (contactId is not null)
            {
                var known = list.Contact(contactId.Id);
                return new ContactTarget(known?.Id ?? contactId.Id, known, Given(imAddress));
            }

            var address = Given(imAddress) ?? throw new MissingInputException("NoContact", "Give the contact with -ContactId or -ImAddress.");
            var found = list.FindContact(address);
            return new ContactTarget(found?.Id, found, address);
        }

        EwsCallResult<T> IEwsInvoker.Invoke<T>(EwsOperation<T> operation, string? mailbox) => Invoke(operation, mailbox);

        void IEwsInvoker.Explain(string message) => WriteVerbose(message);
    }
}
