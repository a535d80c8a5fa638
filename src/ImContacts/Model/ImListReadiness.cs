namespace ImContacts.Model
{
    /// <summary>What a move to Teams would do to one mailbox's IM list (Measure-ImContactList), worst first when several apply.</summary>
    public enum ImListReadiness
    {
        /// <summary>Nothing in the list would be left behind.</summary>
        Ready,

        /// <summary>Nothing known to be left behind, but contacts outside -InternalDomain reach Teams only where external access allows their domain.</summary>
        Review,

        /// <summary>A move would leave something behind: distribution groups, telephone contacts, or what is beyond Teams' limits.</summary>
        NotReady,

        /// <summary>The list could not be read; the result's Error says why.</summary>
        Failed,
    }
}
