using System;
using System.IO;
using System.Text;

namespace ImContacts.Ews
{
    /// <summary>The file Connect-ImService -TraceFile appends every exchange to, from any thread, one entry at a time.</summary>
    internal sealed class EwsTraceFile : IDisposable
    {
        private readonly object sync = new object();
        private readonly StreamWriter writer;
        private bool closed;

        /// <summary>Opens (or creates) <paramref name="path"/> for appending; IOException and UnauthorizedAccessException say why not.</summary>
        public EwsTraceFile(string path)
        {
            Path = path;
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        public string Path { get; }

        public void Write(string entry)
        {
            lock (sync)
            {
                if (closed)
                {
                    return;
                }

                writer.WriteLine(entry);
                writer.Flush();
            }
        }

        public void Dispose()
        {
            lock (sync)
            {
                if (!closed)
                {
                    closed = true;
                    writer.Dispose();
                }
            }
        }
    }
}
