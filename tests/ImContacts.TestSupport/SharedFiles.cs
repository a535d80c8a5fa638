namespace ImContacts.TestSupport;

/// <summary>
/// Finds the repository and the read-only reference material beside it (../shared). Tests fail with a clear
/// message, rather than skip, when it is missing: that material is what proves the module right.
/// </summary>
public static class SharedFiles
{
    public const string SchemaVariable = "IMCONTACTS_EWS_SCHEMA_DIR";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>messages.xsd + types.xsd: IMCONTACTS_EWS_SCHEMA_DIR (any server's /EWS/*.xsd), else ../shared/ews-schema.</summary>
    public static string SchemaDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(SchemaVariable);
            var dir = string.IsNullOrWhiteSpace(configured) ? Path.Combine(SharedRoot, "ews-schema") : configured;
            return File.Exists(Path.Combine(dir, "messages.xsd")) && File.Exists(Path.Combine(dir, "types.xsd"))
                ? Path.GetFullPath(dir)
                : throw new InvalidOperationException(
                    $"The EWS schema is missing: expected messages.xsd and types.xsd in '{dir}'. Put the shared/ folder beside the repository, or set {SchemaVariable} to a folder with the files an Exchange server serves at /EWS/messages.xsd and /EWS/types.xsd.");
        }
    }

    public static string SamplesDirectory
    {
        get
        {
            var dir = Path.Combine(SharedRoot, "ews-samples");
            return Directory.Exists(dir)
                ? dir
                : throw new InvalidOperationException($"The EWS samples are missing: expected '{dir}' (the shared/ folder beside the repository).");
        }
    }

    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImContacts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ImContacts.sln above {AppContext.BaseDirectory}.");
    }
}
