namespace ImContacts.Model
{
    /// <summary>What a removal of a contact, group or distribution-group entry did.</summary>
    public enum ImRemovalStatus
    {
        /// <summary>The item was removed.</summary>
        Removed,

        /// <summary>The item is not (or no longer) in the list; nothing was sent.</summary>
        NotFound,

        /// <summary>The row failed; its error record says why, and ResponseCode names the last cause.</summary>
        Failed,

        /// <summary>-WhatIf, or a declined -Confirm: nothing was sent.</summary>
        Skipped,
    }
}
