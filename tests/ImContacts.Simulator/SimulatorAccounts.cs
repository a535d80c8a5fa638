namespace ImContacts.Simulator;

/// <summary>An account that can sign in: by user name and password (Basic) or by bearer token.</summary>
public sealed record SimulatorAccount(string UserName, string Password, string Mailbox, bool CanImpersonate, string? BearerToken = null);

/// <summary>The demo accounts. Their passwords are public test data, not secrets.</summary>
public static class SimulatorAccounts
{
    public static readonly SimulatorAccount Admin = new("admin@contoso.com", "Sim-Admin-Pass1", "admin@contoso.com", true, "sim-admin-token");
    public static readonly SimulatorAccount Ana = new("ana@contoso.com", "Sim-Ana-Pass1", "ana@contoso.com", false, "sim-ana-token");

    public static readonly string[] DemoMailboxes = { "admin@contoso.com", "ana@contoso.com", "ben@contoso.com", "chloe@contoso.com" };
}
