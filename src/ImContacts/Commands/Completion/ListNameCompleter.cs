using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImContacts.Connection;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands.Completion
{
    /// <summary>
    /// Completes a parameter from the IM list of the mailbox the command line names (-Mailbox, or the connected
    /// account's own) over its -Connection or the session's; offers nothing rather than make the prompt wait.
    /// </summary>
    public abstract class ListNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = Unwrap(fakeBoundParameters?["Connection"]) as ImServiceConnection ?? ConnectionStore.Get();
            if (connection is null || connection.IsDisconnected)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            MailboxTarget mailbox;
            try
            {
                mailbox = connection.Target(Unwrap(fakeBoundParameters?["Mailbox"]) as string, "Mailbox");
            }
            catch (ArgumentException)
            {
                // Not yet a mailbox (still being typed, say): nothing to offer.
                return Enumerable.Empty<CompletionResult>();
            }

            var names = ListNamesCache.Shared.Get(connection.Client, connection.Id.ToString(), mailbox);
            return names is null ? Enumerable.Empty<CompletionResult>() : CompletionValues.Matching(Candidates(commandName, names), wordToComplete);
        }

        /// <summary>The values to offer, with the tooltip for each.</summary>
        private protected abstract IEnumerable<(string Value, string ToolTip)> Candidates(string commandName, ListNames names);

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }

    /// <summary>-GroupName: the list's groups; the group cmdlets offer only what they act on (user groups, distribution groups).</summary>
    public sealed class GroupNameCompleter : ListNameCompleter
    {
        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string commandName, ListNames names)
        {
            var kind = commandName switch
            {
                "Rename-ImGroup" or "Remove-ImGroup" => ImGroupTypes.UserGroup,
                "Remove-ImDistributionGroup" => ImGroupTypes.DistributionGroup,
                _ => null,
            };
            return names.Groups
                .Where(g => kind is null || g.GroupType == kind)
                .Select(g => (g.DisplayName, $"{g.DisplayName} ({g.GroupType.Substring(g.GroupType.LastIndexOf('.') + 1)}{(g.SmtpAddress is null ? string.Empty : ", " + g.SmtpAddress)}, {g.MemberContactIds.Count} member{(g.MemberContactIds.Count == 1 ? string.Empty : "s")})"));
        }
    }

    /// <summary>-ImAddress: the list's contacts, by address without sip:, with their display names.</summary>
    public sealed class ImAddressCompleter : ListNameCompleter
    {
        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string commandName, ListNames names) =>
            names.Contacts.Select(p => (ImAddresses.Bare(p.ImAddress!), string.IsNullOrEmpty(p.DisplayName) ? ImAddresses.Bare(p.ImAddress!) : $"{p.DisplayName} <{ImAddresses.Bare(p.ImAddress!)}>"));
    }
}
