namespace ImContacts.Simulator;

/// <summary>The IM list the demo and the README's examples start from.</summary>
public static class DemoData
{
    public const string Mailbox = "ana@contoso.com";
    public const string ProjectGroup = "Project X";

    public static void Seed(SimulatorStore store)
    {
        var project = store.SeedGroup(Mailbox, ProjectGroup);
        store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim Akers", linkedOutlookContact: true, project);
        store.SeedContact(Mailbox, "sip:lee@contoso.com", "Lee Gu");
        store.SeedContact(Mailbox, "sip:max@fabrikam.com", "Max Müller");
    }
}
