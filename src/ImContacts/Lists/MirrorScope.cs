namespace ImContacts.Lists
{
    /// <summary>What a plan removes when the desired state does not have it.</summary>
    internal enum MirrorScope
    {
        /// <summary>Nothing: only what is missing is added.</summary>
        None,

        /// <summary>Memberships of the groups the desired state names (Sync-ImContactList -Mirror).</summary>
        NamedGroups,

        /// <summary>Memberships of those groups and of every user group (-Mirror -AllGroups).</summary>
        UserGroups,

        /// <summary>Everything a snapshot lacks: memberships of every group, user groups and distribution-group entries (Import-ImContactList -Mirror).</summary>
        WholeList,
    }
}
