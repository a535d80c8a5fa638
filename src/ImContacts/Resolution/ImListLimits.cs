namespace ImContacts.Resolution
{
    /// <summary>The limits Exchange enforces on one mailbox's IM list.</summary>
    internal static class ImListLimits
    {
        /// <summary>Quick Contacts items per mailbox (ErrorImContactLimitReached).</summary>
        public const int MaxContacts = 1000;

        /// <summary>Groups besides the three system groups, distribution-group entries included (ErrorImGroupLimitReached).</summary>
        public const int MaxGroups = 64;
    }
}
