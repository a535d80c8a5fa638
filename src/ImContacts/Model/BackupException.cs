using System;
using System.IO;

namespace ImContacts.Model
{
    /// <summary>A before-image that could not be written: the mailbox it was for is not changed.</summary>
    public sealed class BackupException : IOException
    {
        public BackupException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
