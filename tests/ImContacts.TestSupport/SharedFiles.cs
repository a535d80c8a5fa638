using ImContacts.Simulator;

namespace ImContacts.TestSupport;

/// <summary>
/// Finds the repository and the read-only reference material beside it (../shared). Without Microsoft's schema,
/// requests are validated against ImContacts' own schema of the subset it speaks; tests that need Microsoft's schema
/// or documented samples are skipped, naming what is missing (see <see cref="RequiresSamplesFactAttribute"/>).
/// CI has ../shared, so there nothing is skipped.
/// </summary>
public static class SharedFiles
{
    public const string SchemaVariable = SchemaLocator.EnvironmentVariable;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Microsoft's messages.xsd + types.xsd: IMCONTACTS_EWS_SCHEMA_DIR (any server's /EWS/*.xsd), else ../shared/ews-schema;
    /// null when neither exists. A set IMCONTACTS_EWS_SCHEMA_DIR without the files throws rather than being ignored.
    /// </summary>
    public static string? SchemaDirectory => SchemaLocator.Find(RepositoryRoot);

    /// <summary>Why tests that need Microsoft's schema cannot run, or null when they can (or when a bad IMCONTACTS_EWS_SCHEMA_DIR should fail them).</summary>
    public static string? MissingSchemaReason
    {
        get
        {
            try
            {
                return SchemaDirectory is null
                    ? $"Microsoft's EWS schema is absent: no messages.xsd and types.xsd in '{Path.Combine(SharedRoot, "ews-schema")}', and {SchemaVariable} is not set. "
                        + $"Put the shared/ folder beside the repository, or set {SchemaVariable} to a folder with the files an Exchange server serves at /EWS/messages.xsd and /EWS/types.xsd."
                    : null;
            }
            catch (InvalidOperationException)
            {
                return null; // a misconfigured IMCONTACTS_EWS_SCHEMA_DIR: the test runs and fails with SchemaLocator's message
            }
        }
    }

    /// <summary>Microsoft's documented request/response samples (../shared/ews-samples); throws when they are absent.</summary>
    public static string SamplesDirectory => HasSamples
        ? SamplesPath
        : throw new InvalidOperationException(MissingSamplesReason);

    public static bool HasSamples => Directory.Exists(SamplesPath);

    /// <summary>Why tests that need Microsoft's samples cannot run, or null when they can.</summary>
    public static string? MissingSamplesReason => HasSamples
        ? null
        : $"Microsoft's EWS samples are absent: expected '{SamplesPath}' (the shared/ folder beside the repository). "
            + $"Without them, requests are still checked against ImContacts' own schema ({SchemaVariable} names only a schema folder, not samples).";

    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    private static string SamplesPath => Path.Combine(SharedRoot, "ews-samples");

    private static string FindRepositoryRoot() =>
        SchemaLocator.RepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No {SchemaLocator.SolutionFile} above {AppContext.BaseDirectory}.");
}
