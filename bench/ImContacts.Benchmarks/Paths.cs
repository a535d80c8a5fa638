namespace ImContacts.Benchmarks;

/// <summary>Where the built modules are, found from the repository root above the benchmark's output.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string PowerShellHost =>
        Directory.GetFiles(Path.Combine(Root, "tests", "ImContacts.PowerShellHost", "bin"), "ImContacts.PowerShellHost.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();

    public static string Simulator =>
        Directory.GetFiles(Path.Combine(Root, "tests", "ImContacts.Simulator", "bin"), "ImContacts.Simulator.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();

    public static string Module(string name) => name == "ImContacts"
        ? Path.Combine(Root, "ImContacts.psd1")
        : Directory.GetFiles(Path.Combine(Root, "bench", "TrivialModule", "bin"), "TrivialModule.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImContacts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ImContacts.sln not found above " + AppContext.BaseDirectory);
    }
}
