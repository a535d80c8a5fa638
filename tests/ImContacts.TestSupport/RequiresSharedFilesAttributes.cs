using Xunit;

namespace ImContacts.TestSupport;

/// <summary>A fact that needs Microsoft's documented samples: skipped, naming the missing folder, when they are absent.</summary>
public sealed class RequiresSamplesFactAttribute : FactAttribute
{
    public RequiresSamplesFactAttribute()
    {
        Skip = SharedFiles.MissingSamplesReason;
    }
}

/// <summary>A theory that needs Microsoft's documented samples: skipped as a whole when they are absent.</summary>
public sealed class RequiresSamplesTheoryAttribute : TheoryAttribute
{
    public RequiresSamplesTheoryAttribute()
    {
        Skip = SharedFiles.MissingSamplesReason;
    }
}

/// <summary>A fact that needs Microsoft's EWS schema: skipped, naming the folder looked in and IMCONTACTS_EWS_SCHEMA_DIR, when it is absent.</summary>
public sealed class RequiresMicrosoftSchemaFactAttribute : FactAttribute
{
    public RequiresMicrosoftSchemaFactAttribute()
    {
        Skip = SharedFiles.MissingSchemaReason;
    }
}

/// <summary>A theory that needs Microsoft's EWS schema: skipped as a whole when it is absent.</summary>
public sealed class RequiresMicrosoftSchemaTheoryAttribute : TheoryAttribute
{
    public RequiresMicrosoftSchemaTheoryAttribute()
    {
        Skip = SharedFiles.MissingSchemaReason;
    }
}
