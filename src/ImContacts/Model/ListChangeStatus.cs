namespace ImContacts.Model
{
    /// <summary>What became of a planned change to an IM list.</summary>
    public enum ListChangeStatus
    {
        /// <summary>Made.</summary>
        Done,

        /// <summary>Not made: the server refused it, or a change it needed failed; an error record says why.</summary>
        Failed,

        /// <summary>Not made: declined at a -Confirm prompt.</summary>
        Skipped,

        /// <summary>-WhatIf: what would be done.</summary>
        Planned,

        /// <summary>A summary line: the list already was as desired.</summary>
        Unchanged,
    }
}
