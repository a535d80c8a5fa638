using System;
using System.IO;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>
    /// Writes snapshots as they come, so memory stays flat: one file per mailbox into a folder, or all of them into one
    /// file as a JSON array (opened by the first snapshot, closed at the end). A file that cannot be written throws
    /// IOException or UnauthorizedAccessException, for the caller to report.
    /// </summary>
    internal sealed class SnapshotWriter : IDisposable
    {
        private readonly string? folder;
        private readonly string? file;
        private FileStream? stream;
        private XmlDictionaryWriter? writer;

        private SnapshotWriter(string? folder, string? file)
        {
            this.folder = folder;
            this.file = file;
        }

        /// <summary>How many snapshots were written.</summary>
        public int Written { get; private set; }

        /// <summary>The one file every snapshot goes into; null when they go into a folder.</summary>
        public string? File => file;

        /// <summary>One file per mailbox into <paramref name="path"/>, which is created when it does not exist.</summary>
        public static SnapshotWriter IntoFolder(string path) => new SnapshotWriter(Directory.CreateDirectory(path).FullName, null);

        /// <summary>Every snapshot into the file <paramref name="path"/>, replaced by the first one.</summary>
        public static SnapshotWriter IntoFile(string path) => new SnapshotWriter(null, path);

        /// <summary>The file <paramref name="snapshot"/> goes to; <paramref name="ownMailbox"/> names the connected account's own.</summary>
        public string TargetOf(ImContactListSnapshot snapshot, string? ownMailbox) =>
            folder is null ? file! : Path.Combine(folder, RunBackup.FileName(snapshot.Mailbox ?? ownMailbox ?? "own-mailbox") + ".json");

        public void Write(ImContactListSnapshot snapshot, string? ownMailbox)
        {
            if (folder is null)
            {
                if (writer is null)
                {
                    Open();
                }

                SnapshotJson.Write(writer!, snapshot, "item");
                writer!.Flush();
                Written++;
                return;
            }

            using var output = new FileStream(TargetOf(snapshot, ownMailbox), FileMode.Create, FileAccess.Write, FileShare.None);
            using var json = SnapshotJson.CreateWriter(output);
            SnapshotJson.Write(json, snapshot);
            json.Flush();
            Written++;
        }

        /// <summary>Whether the run ends with the one file still unwritten: then an empty array is what it should hold.</summary>
        public bool FileUnwritten => file is not null && writer is null;

        /// <summary>Writes the one file with no snapshot in it.</summary>
        public void WriteEmptyFile()
        {
            if (writer is null)
            {
                Open();
            }
        }

        public void Dispose()
        {
            if (writer is not null)
            {
                writer.WriteEndElement();
                writer.Flush();
                writer.Dispose();
                writer = null;
            }

            stream?.Dispose();
            stream = null;
        }

        private void Open()
        {
            stream = new FileStream(file!, FileMode.Create, FileAccess.Write, FileShare.Read);
            writer = SnapshotJson.CreateWriter(stream);
            writer.WriteStartElement("root");
            writer.WriteAttributeString("type", "array");
        }
    }
}
