using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>
    /// The before-images of one run that removes: each mailbox's whole list as it was, written once, before the run's
    /// first change to that mailbox, as a snapshot file (one per mailbox) that is complete or absent: written aside,
    /// flushed to the disk, then renamed. Import-ImContactList -Path on the folder with -Mirror puts the lists back.
    /// Rows of several mailboxes call it at once.
    /// </summary>
    internal sealed class RunBackup
    {
        private readonly object sync = new object();
        private readonly Dictionary<string, string> files = new Dictionary<string, string>(StringComparer.Ordinal);

        private RunBackup(string folder, string? serverVersion)
        {
            Folder = folder;
            ServerVersion = serverVersion;
        }

        /// <summary>The run's folder.</summary>
        public string Folder { get; }

        /// <summary>The server's build, which each before-image names.</summary>
        public string? ServerVersion { get; }

        /// <summary>How many mailboxes have a before-image.</summary>
        public int Count
        {
            get
            {
                lock (sync)
                {
                    return files.Count;
                }
            }
        }

        /// <summary>Where runs keep their folders by default: ImContacts\backups in the user's local application data
        /// (%LOCALAPPDATA% on Windows; $XDG_DATA_HOME, or ~/.local/share, elsewhere).</summary>
        public static string DefaultRoot()
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(data))
            {
                throw new IOException("There is no local application data folder for this account (no HOME?) to keep backups in: give -BackupPath.");
            }

            return Path.Combine(data, "ImContacts", "backups");
        }

        /// <summary>
        /// The run's own folder under <paramref name="root"/>, created now and named by the run's start (UTC) and command,
        /// e.g. 20261207-035612-Sync-ImContactList; a second run in the same second gets -2, -3, ...
        /// </summary>
        public static RunBackup Create(string root, DateTimeOffset startedAt, string command, string? serverVersion = null)
        {
            var name = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + command;
            Directory.CreateDirectory(root);
            for (var n = 1; ; n++)
            {
                var folder = Path.Combine(root, n == 1 ? name : $"{name}-{n}");
                if (!Directory.Exists(folder) && !File.Exists(folder))
                {
                    return new RunBackup(Directory.CreateDirectory(folder).FullName, serverVersion);
                }
            }
        }

        /// <summary>Ends the run's backup: a folder no before-image went into (nothing was changed) is taken away again.</summary>
        public void Close()
        {
            if (Count == 0)
            {
                try
                {
                    Directory.Delete(Folder, recursive: false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Something else is in it, or it is gone: it stays as it is.
                }
            }
        }

        /// <summary>The before-image file of <paramref name="mailbox"/>, if this run wrote one.</summary>
        public string? FileOf(MailboxTarget mailbox)
        {
            lock (sync)
            {
                return files.TryGetValue(mailbox.Key, out var file) ? file : null;
            }
        }

        /// <summary>
        /// The before-image of <paramref name="mailbox"/>: written now from <paramref name="list"/> if it is the run's first
        /// change there, else the one written before. Throws BackupException when it cannot be written (nothing may then
        /// change in that mailbox).
        /// </summary>
        public string Keep(MailboxTarget mailbox, Func<ImContactListSnapshot> list)
        {
            lock (sync)
            {
                if (files.TryGetValue(mailbox.Key, out var known))
                {
                    return known;
                }

                var snapshot = list();
                var file = FreeName(FileName(snapshot.Mailbox ?? mailbox.Name ?? "own-mailbox"));
                try
                {
                    WriteWhole(file, stream =>
                    {
                        using var json = SnapshotJson.CreateWriter(stream);
                        SnapshotJson.Write(json, snapshot);
                        json.Flush();
                    });
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new BackupException($"The before-image of {mailbox} could not be written to {file}: {ex.Message} Nothing was changed in that mailbox.", ex);
                }

                files.Add(mailbox.Key, file);
                return file;
            }
        }

        /// <summary>
        /// Writes <paramref name="path"/> whole or not at all: into a hidden file beside it, flushed to the disk, then
        /// renamed, so that a process killed at any moment leaves either the complete file or none (and perhaps a
        /// .partial file, which no reader takes for a snapshot).
        /// </summary>
        internal static void WriteWhole(string path, Action<Stream> write)
        {
            var partial = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
            try
            {
                using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(partial, path);
            }
            catch
            {
                try
                {
                    File.Delete(partial);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The .partial file stays: no reader takes it for a snapshot.
                }

                throw;
            }
        }

        private string FreeName(string name)
        {
            // Two addresses can give one file name (characters a file system refuses become _): the second gets -2.
            for (var n = 1; ; n++)
            {
                var file = Path.Combine(Folder, (n == 1 ? name : $"{name}-{n}") + ".json");
                if (!File.Exists(file) && !files.ContainsValue(file))
                {
                    return file;
                }
            }
        }

        /// <summary>A mailbox address as a file name: characters a file system may refuse become _.</summary>
        internal static string FileName(string mailbox) =>
            new string(mailbox.Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' or '+' ? c : '_').ToArray());
    }
}
