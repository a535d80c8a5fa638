using System.Collections.Generic;
using System.Threading.Tasks;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>Runs one operation to completion for the layers above the client (a cmdlet, or a test over EwsClient).</summary>
    internal interface IEwsInvoker
    {
        Task<EwsCallResult<T>> InvokeAsync<T>(EwsOperation<T> operation, MailboxTarget mailbox);

        /// <summary>
        /// Sends a change for the list's mailbox that saves the named group items, never while another change that saves
        /// one of them is in flight (SavedGroups; protocol reference §12).
        /// </summary>
        Task<EwsCallResult<T>> ChangeAsync<T>(EwsOperation<T> operation, IReadOnlyCollection<string> savedGroups);

        /// <summary>Explains a step the caller did not ask for explicitly (PowerShell: the verbose stream).</summary>
        void Explain(string message);
    }
}
