using System.Runtime.InteropServices;

namespace ImContacts.Benchmarks;

/// <summary>CPU time the calling thread has used (user + system), from getrusage(RUSAGE_THREAD): Linux only.</summary>
internal static class ThreadCpu
{
    private const int RusageThread = 1;

    public static TimeSpan Now()
    {
        if (getrusage(RusageThread, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_THREAD) failed: errno " + Marshal.GetLastWin32Error());
        }

        return TimeSpan.FromTicks((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond
            + ((usage.UserMicroseconds + usage.SystemMicroseconds) * TimeSpan.TicksPerMillisecond / 1000));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;

        // The other fourteen fields, unused here.
        public long F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14;
    }
}
