using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Removes a contact from the whole IM list. RemoveContactFromImList works on Exchange 2013 CU23, but a production
    /// client reports servers that always reject it; then the contact is removed group by group, which takes it out of
    /// the list with its last group.
    /// </summary>
    internal sealed class ContactRemover
    {
        // Failures that say nothing against this operation: falling back would fail the same way, or the contact is gone.
        private static readonly HashSet<string> NoFallbackCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "ErrorItemNotFound",
            "ErrorAccessDenied", "ErrorImpersonateUserDenied", "ErrorImpersonationDenied", "ErrorImpersonationFailed",
            "ErrorNonExistentMailbox", "ErrorMailboxStoreUnavailable", "ErrorMailboxMoveInProgress", "ErrorInternalServerTransientError",
            "ErrorExceededConnectionCount", "ErrorTooManyObjectsOpened", "ErrorInvalidIdMalformed", "ErrorInvalidIdEmpty",

            // Another request kept saving the contact's groups: removing group by group would meet the same.
            "ErrorUnableToRemoveImContactFromGroup", "ErrorIrresolvableConflict",
        };

        private readonly IEwsInvoker ews;

        public ContactRemover(IEwsInvoker ews)
        {
            this.ews = ews;
        }

        /// <summary>Removes the contact; returns the last call's response code, the time spent on all calls and the requests sent.</summary>
        public async Task<(string ResponseCode, TimeSpan Duration, int Attempts)> RemoveAsync(ImListState list, KnownContact contact)
        {
            EwsResponseException rejected;
            try
            {
                var result = await new RemoveContactEdit(list, contact.Id).ApplyAsync(ews).ConfigureAwait(false);
                return (result.Response.ResponseCode, result.Duration, result.Attempts);
            }
            catch (EwsResponseException ex) when (!ex.IsTransient && !NoFallbackCodes.Contains(ex.ResponseCode) && list.GroupsOf(contact.Id).Any())
            {
                rejected = ex;
            }

            ews.Explain($"The server rejected RemoveContactFromImList for {contact.Describe()} with {rejected.ResponseCode}; "
                + "removing it from each of its groups instead (it leaves the list with its last group).");
            return await RemoveGroupByGroupAsync(list, contact).ConfigureAwait(false);
        }

        private async Task<(string ResponseCode, TimeSpan Duration, int Attempts)> RemoveGroupByGroupAsync(ImListState list, KnownContact contact)
        {
            var attempts = 1;
            // Tagged first: once the contact leaves its last other group the server has deleted it.
            var groups = list.GroupsOf(contact.Id).OrderBy(g => g.IsTagged ? 0 : 1).ToList();
            // Claimed at once, as for RemoveContactFromImList: a row that parked halfway would start over on a changed list.
            var saved = new RemoveContactEdit(list, contact.Id).Saves();
            var duration = TimeSpan.Zero;
            var code = string.Empty;
            foreach (var group in groups)
            {
                if (list.Contact(contact.Id) is null)
                {
                    break;
                }

                var edit = new RemoveMemberEdit(list, contact.Id, group.Id);
                var result = await ews.ChangeAsync(edit.Operation(), saved).ConfigureAwait(false);
                edit.Record(result.Value);
                duration += result.Duration;
                attempts += result.Attempts;
                code = result.Response.ResponseCode;
            }

            return (code, duration, attempts);
        }
    }
}
