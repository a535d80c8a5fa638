namespace ImContacts.Model
{
    /// <summary>One kind of change to an IM list, as plans and -PassThru results name it.</summary>
    public enum ListChangeAction
    {
        CreateGroup,
        AddDistributionGroup,
        CreateContact,
        AddMember,
        RemoveMember,
        RemoveGroup,
        RemoveDistributionGroup,

        /// <summary>A mailbox's summary line in a -PassThru report.</summary>
        Summary,
    }
}
