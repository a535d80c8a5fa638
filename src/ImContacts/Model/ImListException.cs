using System;
using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>Why an input cannot be carried out against a mailbox's IM list, found before anything is sent.</summary>
    public enum ImListErrorKind
    {
        /// <summary>A name or address matches nothing in the list.</summary>
        NotFound,

        /// <summary>A name or address matches more than one item.</summary>
        Ambiguous,

        /// <summary>The item exists but the operation cannot apply to it (for example removing a system group).</summary>
        InvalidTarget,

        /// <summary>The change would exceed a list limit.</summary>
        LimitReached,
    }

    /// <summary>
    /// An input rejected by the known state of the IM list. ErrorId is stable; where the server would reject the same
    /// request it is the server's ResponseCode, so scripts match one code whichever side found the problem.
    /// </summary>
    public sealed class ImListException : Exception
    {
        internal ImListException(ImListErrorKind kind, string errorId, string message, MailboxTarget? mailbox, IReadOnlyList<string>? candidates = null)
            : base(message)
        {
            Kind = kind;
            ErrorId = errorId;
            Mailbox = mailbox?.Name;
            Candidates = candidates ?? Array.Empty<string>();
        }

        public ImListErrorKind Kind { get; }

        public string ErrorId { get; }

        /// <summary>The mailbox whose list refused the input, as results name it; null when none was involved yet.</summary>
        public string? Mailbox { get; }

        /// <summary>For an ambiguous name: the matching items, described.</summary>
        public IReadOnlyList<string> Candidates { get; }
    }
}
