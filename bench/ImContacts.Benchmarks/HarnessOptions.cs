using System.Globalization;

namespace ImContacts.Benchmarks;

/// <summary>The harnesses' command-line options: "--name value" pairs, each with a default.</summary>
internal static class HarnessOptions
{
    public static string Text(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static int Number(string[] args, string name, int fallback) =>
        int.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>A comma-separated list of numbers, such as --limits 8,27.</summary>
    public static int[] Numbers(string[] args, string name, string fallback) =>
        Text(args, name, fallback).Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
}
