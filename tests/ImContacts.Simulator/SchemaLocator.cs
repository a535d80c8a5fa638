namespace ImContacts.Simulator;

/// <summary>Finds Microsoft's EWS schema: IMCONTACTS_EWS_SCHEMA_DIR, else shared/ews-schema beside the repository.</summary>
public static class SchemaLocator
{
    public const string EnvironmentVariable = "IMCONTACTS_EWS_SCHEMA_DIR";

    /// <summary>The directory holding messages.xsd and types.xsd, or null when there is none.</summary>
    public static string? Find(string? startDirectory = null)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "messages.xsd")) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "ews-schema");
            if (File.Exists(Path.Combine(candidate, "messages.xsd")))
            {
                return candidate;
            }
        }

        return null;
    }
}
