using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: ImContacts.PowerShellHost <script.ps1>. Output objects print one per line; errors go to stderr.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: ImContacts.PowerShellHost <script.ps1>");
    return 64;
}

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;
shell.AddScript(File.ReadAllText(args[0]));
try
{
    foreach (var item in shell.Invoke())
    {
        Console.WriteLine(item?.ToString());
    }
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine("TERMINATING: " + ex.ErrorRecord);
    return 1;
}

foreach (var error in shell.Streams.Error)
{
    Console.Error.WriteLine($"ERROR: {error.FullyQualifiedErrorId}: {error}");
}

return shell.Streams.Error.Count;
