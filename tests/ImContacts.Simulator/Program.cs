using System.Globalization;
using ImContacts.Simulator;

// Runs the simulator on its own for demos: prints the endpoint, then serves until Ctrl+C or SIGTERM.
var port = 0;
var seed = true;
var validate = true;
var conflicts = true;
var negotiate = false;
var (bulkMailboxes, bulkContacts) = (0, 0);
var readinessMailboxes = 0;
var faults = new Action<FaultInjector>[0].ToList();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    double Rate() => double.Parse(Value(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--empty": seed = false; break;
        case "--no-schema": validate = false; break;
        case "--no-conflicts": conflicts = false; break;
        case "--negotiate": negotiate = true; break; // also Negotiate/NTLM, with the realm KRB5_CONFIG and KRB5_KTNAME name
        case "--bulk": // M,C: mailboxes m0…m{M-1}@contoso.com, each with C contacts in group Everyone and an empty group Colleagues
            var shape = Value().Split(',');
            (bulkMailboxes, bulkContacts) = (int.Parse(shape[0], CultureInfo.InvariantCulture), int.Parse(shape[1], CultureInfo.InvariantCulture));
            break;
        case "--readiness": readinessMailboxes = int.Parse(Value(), CultureInfo.InvariantCulture); break; // N: mailboxes r0…r{N-1}@contoso.com of the shapes a move to Teams meets (SeedReadinessMailboxes)
        case "--latency-ms": var ms = int.Parse(Value(), CultureInfo.InvariantCulture); faults.Add(f => f.Latency = TimeSpan.FromMilliseconds(ms)); break;
        case "--server-busy-rate": var busy = Rate(); faults.Add(f => f.ServerBusyRate = busy); break;
        case "--http503-rate": var unavailable = Rate(); faults.Add(f => f.ServiceUnavailableRate = unavailable); break;
        case "--drop-rate": var drop = Rate(); faults.Add(f => f.DropConnectionRate = drop); break;
        case "--reject":
            var rule = Value().Split('=', 2);
            if (rule.Length != 2)
            {
                throw new ArgumentException("--reject needs OPERATION=CODE, e.g. RemoveContactFromImList=ErrorInvalidOperation.");
            }

            faults.Add(f => f.Reject(rule[0], rule[1]));
            break;
        default:
            Console.Error.WriteLine("usage: ImContacts.Simulator [--port N] [--empty] [--no-schema] [--no-conflicts] [--negotiate] [--bulk MAILBOXES,CONTACTS] [--readiness MAILBOXES] [--latency-ms N] [--server-busy-rate R] [--http503-rate R] [--drop-rate R] [--reject OPERATION=CODE]");
            return 2;
    }
}

EwsSimulator started;
try
{
    started = await EwsSimulator.StartAsync(new SimulatorOptions { Port = port, ValidateRequests = validate, Negotiate = negotiate });
}
catch (InvalidOperationException ex) when (Environment.GetEnvironmentVariable(SchemaLocator.EnvironmentVariable) is not null)
{
    Console.Error.WriteLine(ex.Message); // IMCONTACTS_EWS_SCHEMA_DIR names a folder without the schema
    return 2;
}

await using var simulator = started;
faults.ForEach(apply => apply(simulator.Faults));
simulator.ConcurrentWrites = conflicts;
if (seed)
{
    DemoData.Seed(simulator.Store);
}

simulator.Store.SeedBulkMailboxes(bulkMailboxes, bulkContacts);
simulator.Store.SeedReadinessMailboxes(readinessMailboxes);

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };

// SIGTERM (kill, systemd, a container stopping) ends it as cleanly as Ctrl+C; the registration must stay alive, and
// exist before the endpoint is printed: whoever reads that line may stop it at once.
using var terminate = OperatingSystem.IsWindows() ? null
    : System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.TrySetResult();
    });

Console.WriteLine($"EWS simulator listening on {simulator.Url}");
Console.WriteLine($"Sign in as {SimulatorAccounts.Admin.UserName} / {SimulatorAccounts.Admin.Password} (may impersonate), or {SimulatorAccounts.Ana.UserName} / {SimulatorAccounts.Ana.Password}.");
Console.WriteLine(validate ? $"Exchange2013 requests are validated against {simulator.SchemaDescription}." : "Requests are not validated (--no-schema).");
Console.Out.Flush();

await stop.Task;
return 0;
