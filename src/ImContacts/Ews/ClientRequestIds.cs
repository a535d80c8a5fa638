using System;
using System.Threading;

namespace ImContacts.Ews
{
    /// <summary>
    /// The client-request-id of each request: a GUID, unique to the request, that the server logs and echoes. One random
    /// GUID per process with a counter in its last six bytes: Guid.NewGuid reads the kernel's random source on Linux for
    /// every id, a system call per request. The 74 random bits left tell one process's ids from another's.
    /// </summary>
    internal static class ClientRequestIds
    {
        private static readonly byte[] Seed = Guid.NewGuid().ToByteArray();
        private static long counter;

        public static string Next()
        {
            var n = Interlocked.Increment(ref counter);
            var s = Seed;

            // Bytes 0-9 keep the seed's, with its version (4) and variant bits; 10-15 are the seed's XOR the counter.
            return new Guid(
                BitConverter.ToInt32(s, 0),
                BitConverter.ToInt16(s, 4),
                BitConverter.ToInt16(s, 6),
                s[8],
                s[9],
                (byte)(s[10] ^ (n >> 40)),
                (byte)(s[11] ^ (n >> 32)),
                (byte)(s[12] ^ (n >> 24)),
                (byte)(s[13] ^ (n >> 16)),
                (byte)(s[14] ^ (n >> 8)),
                (byte)(s[15] ^ n)).ToString();
        }
    }
}
