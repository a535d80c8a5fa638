using System.Runtime.InteropServices;

namespace ImContacts.Simulator;

/// <summary>A sleep finer than a millisecond: nanosleep where the C library has it (Linux, macOS).</summary>
internal static class PreciseSleep
{
    public static bool Available { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    public static void For(TimeSpan span)
    {
        var nanoseconds = Math.Max(0, span.Ticks) * 100;
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = nanosleep(ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);
}
