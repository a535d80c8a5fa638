namespace ImContacts.Model
{
    /// <summary>What a membership change did. Only Added, Created and Removed sent a change to the server.</summary>
    public enum ImMembershipStatus
    {
        /// <summary>The contact was added to the group.</summary>
        Added,

        /// <summary>The contact was not in the list; it was created and added to the group (-CreateContact).</summary>
        Created,

        /// <summary>The contact already was a member; nothing was sent.</summary>
        AlreadyMember,

        /// <summary>The contact was removed from the group.</summary>
        Removed,

        /// <summary>The contact is not (or no longer) a member of the group; nothing was sent.</summary>
        NotMember,

        /// <summary>The row failed; its error record says why, and ResponseCode names the last cause.</summary>
        Failed,

        /// <summary>-WhatIf, or a declined -Confirm: nothing was sent.</summary>
        Skipped,
    }
}
