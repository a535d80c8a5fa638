namespace ImContacts.Simulator;

/// <summary>
/// Finds Microsoft's EWS schema: the folder IMCONTACTS_EWS_SCHEMA_DIR names, else shared/ews-schema beside the
/// repository root (the nearest folder above the start directory that holds ImContacts.sln, never any other ancestor).
/// </summary>
public static class SchemaLocator
{
    public const string EnvironmentVariable = "IMCONTACTS_EWS_SCHEMA_DIR";

    public const string SolutionFile = "ImContacts.sln";

    /// <summary>
    /// The directory holding messages.xsd and types.xsd, or null when there is none (use ImContacts' own schema).
    /// A configured IMCONTACTS_EWS_SCHEMA_DIR without those files throws: a named schema is never silently replaced.
    /// </summary>
    public static string? Find(string? startDirectory = null) =>
        Find(startDirectory ?? AppContext.BaseDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The same rules with the value of IMCONTACTS_EWS_SCHEMA_DIR given (null or blank: not set).</summary>
    public static string? Find(string startDirectory, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasSchema(configured)
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException(
                    $"{EnvironmentVariable} is set to '{configured}', but that folder does not hold messages.xsd and types.xsd. "
                    + $"Point it at a folder with the files an Exchange server serves at /EWS/messages.xsd and /EWS/types.xsd, or unset it to use ../shared/ews-schema or ImContacts' own schema.");
        }

        var root = RepositoryRoot(startDirectory);
        if (root is null)
        {
            return null;
        }

        var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "ews-schema"));
        return HasSchema(candidate) ? candidate : null;
    }

    /// <summary>The nearest directory at or above <paramref name="startDirectory"/> that holds ImContacts.sln, or null.</summary>
    public static string? RepositoryRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool HasSchema(string directory) =>
        File.Exists(Path.Combine(directory, "messages.xsd")) && File.Exists(Path.Combine(directory, "types.xsd"));
}
