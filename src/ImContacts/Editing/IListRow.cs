using System;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// One unit of work against one mailbox's list, as the editing layer sees it: the list, the question before each
    /// change, the requests, and what the work reports. A cmdlet's pipeline row is one (the answers come from
    /// ShouldProcess, the reports go to the PowerShell streams); a unit test's fake is another.
    /// </summary>
    internal interface IListRow : IEwsInvoker
    {
        /// <summary>Whose list the row works on, decided when its input was bound.</summary>
        MailboxTarget Mailbox { get; }

        /// <summary>The before-image of the mailbox's list the run wrote before its first change there; null when none was.</summary>
        string? BackupFile { get; }

        /// <summary>The run's limits on removals (null: none, for a run that removes nothing).</summary>
        RemovalGuard? Removals { get; }

        /// <summary>The mailbox's list, read by the first row that needs it and kept current as rows change it.</summary>
        Task<ImListState> ListAsync();

        /// <summary>Whether to make the change <paramref name="action"/> describes (ShouldProcess); asked once per row and action.</summary>
        bool Confirm(ImListState list, string action);

        /// <summary>An output object of the row.</summary>
        void Output(object value);

        void Warning(string message);

        /// <summary>One of the row's several changes failed: its error, with <paramref name="target"/> as what it was about; the row goes on.</summary>
        void ChangeFailed(Exception exception, object target);
    }
}
