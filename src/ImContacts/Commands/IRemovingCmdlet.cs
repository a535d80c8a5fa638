namespace ImContacts.Commands
{
    /// <summary>
    /// Marks a cmdlet that can remove from IM lists: it takes -BackupPath and -NoBackup, and a run that removes keeps
    /// a before-image of each mailbox it changes (BackupParameters, RunBackup).
    /// </summary>
    internal interface IRemovingCmdlet
    {
    }
}
