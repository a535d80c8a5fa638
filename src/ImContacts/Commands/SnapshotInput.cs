using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>Snapshot files and folders as the cmdlets take them (-Path, -ReferencePath, -DifferencePath).</summary>
    internal static class SnapshotInput
    {
        /// <summary>
        /// The snapshots of <paramref name="paths"/>, each with its file, as they are read: a path that names nothing, or
        /// a file that is no snapshot file, is one error record (PathNotFound, InvalidSnapshot), and the others go on.
        /// </summary>
        public static IEnumerable<(ImContactListSnapshot Snapshot, string File)> Read(PSCmdlet cmdlet, IEnumerable<string> paths, string parameter)
        {
            foreach (var path in paths)
            {
                IReadOnlyList<string> files;
                try
                {
                    files = SnapshotFiles.Find(cmdlet.GetUnresolvedProviderPathFromPSPath(path), path, parameter);
                }
                catch (Exception ex) when (SnapshotFiles.IsUnusablePath(ex))
                {
                    cmdlet.WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }

                foreach (var file in files)
                {
                    using var snapshots = SnapshotFiles.Read(file).GetEnumerator();
                    while (true)
                    {
                        ImContactListSnapshot snapshot;
                        try
                        {
                            if (!snapshots.MoveNext())
                            {
                                break;
                            }

                            snapshot = snapshots.Current;
                        }
                        catch (Exception ex) when (SnapshotFiles.IsUnreadable(ex))
                        {
                            cmdlet.WriteError(new ErrorRecord(ex, "InvalidSnapshot", ErrorCategory.InvalidData, file));
                            break;
                        }

                        yield return (snapshot, file);
                    }
                }
            }
        }
    }
}
