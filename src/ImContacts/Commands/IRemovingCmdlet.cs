namespace ImContacts.Commands
{
    /// <summary>
    /// Marks a cmdlet that can remove from IM lists: it takes -BackupPath, -NoBackup, -MaxRemovals and -Force; a run
    /// that removes keeps a before-image of each mailbox it changes and its removals within limits (RemovalParameters).
    /// </summary>
    internal interface IRemovingCmdlet
    {
    }
}
