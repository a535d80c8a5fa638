using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>Snapshot files as Import-ImContactList takes them: a file, or a folder's *.json files in name order.</summary>
    internal static class SnapshotFiles
    {
        /// <summary>The files <paramref name="fullPath"/> names; FileNotFoundException (naming <paramref name="parameter"/> and <paramref name="given"/>) when it names nothing.</summary>
        public static IReadOnlyList<string> Find(string fullPath, string given, string parameter = "Path") =>
            Directory.Exists(fullPath) ? Directory.EnumerateFiles(fullPath, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList()
            : File.Exists(fullPath) ? new[] { fullPath }
            : throw new FileNotFoundException($"-{parameter} '{given}': there is no such file or folder.", fullPath);

        /// <summary>Whether <paramref name="exception"/> is a path that cannot be looked at (Find).</summary>
        public static bool IsUnusablePath(Exception exception) => exception is IOException or UnauthorizedAccessException or NotSupportedException;

        /// <summary>The snapshots of <paramref name="file"/>, read as they are taken.</summary>
        public static IEnumerable<ImContactListSnapshot> Read(string file)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            foreach (var snapshot in SnapshotJson.Read(stream, file))
            {
                yield return snapshot;
            }
        }

        /// <summary>Whether <paramref name="exception"/> says a file is no readable snapshot file (Read).</summary>
        public static bool IsUnreadable(Exception exception) =>
            exception is IOException or UnauthorizedAccessException or InvalidDataException or System.Xml.XmlException or System.Runtime.Serialization.SerializationException;
    }
}
