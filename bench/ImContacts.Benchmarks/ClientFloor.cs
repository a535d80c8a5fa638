using System.Diagnostics;
using System.Reflection;

namespace ImContacts.Benchmarks;

/// <summary>
/// The module's EWS layer without rows or PowerShell: the same R GetImItemList requests as the transport floor, sent by
/// C concurrent loops through a connection's own client and a ThrottledEwsCaller (envelope written with XmlWriter, sent
/// through EwsTransport, answer parsed into an ImItemList). Between the floor and a shape, it says how much of a
/// request's cost is the EWS layer's and how much the rows' and the pipeline's. Reached by reflection, as the module's
/// types are internal and loaded by Import-Module; a reflected call costs about a microsecond.
/// </summary>
internal static class ClientFloor
{
    public static MeasuredRun Measure(int limit, int mailboxLimit, int latency, int mailboxes)
    {
        using var simulator = SimulatorProcess.Start(2 * mailboxes, 1, latency, 0, concurrencyModel: true);
        using var shell = BenchShell.Connected(simulator.Url);
        var connection = BenchShell.Run(shell, "Connect-ImService -Url $url -Credential $credential -PassThru -ErrorAction Stop",
            ("url", simulator.Url), ("credential", BenchShell.AdminCredential())).Output.Last().BaseObject;
        var module = connection.GetType().Assembly;
        var client = connection.GetType().GetField("client", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(connection)!;
        var gate = Activator.CreateInstance(module.GetType("ImContacts.Bulk.ThrottleGate", true)!, limit, mailboxLimit)!;
        var policy = Activator.CreateInstance(module.GetType("ImContacts.Bulk.RetryPolicy", true)!, TimeSpan.FromMinutes(5), null)!;
        var callerType = module.GetType("ImContacts.Bulk.ThrottledEwsCaller", true)!;
        var caller = Activator.CreateInstance(callerType, client, gate, policy, null)!;
        var pathType = module.GetType("ImContacts.Model.ExtendedPropertyPath", true)!;
        var operation = Activator.CreateInstance(module.GetType("ImContacts.Ews.Operations.GetImItemListOperation", true)!, Array.CreateInstance(pathType, 0))!;
        var impersonated = module.GetType("ImContacts.Model.MailboxTarget", true)!.GetMethod("Impersonated")!;
        var invoke = callerType.GetMethod("InvokeAsync")!.MakeGenericMethod(module.GetType("ImContacts.Model.ImItemList", true)!);

        Task Send(int m) => (Task)invoke.Invoke(caller, new[] { operation, impersonated.Invoke(null, new object[] { $"m{m}@contoso.com" }), null, CancellationToken.None, null })!;

        Loops(Send, limit, mailboxes, Math.Min(1000, mailboxes));
        var before = simulator.Stats();
        var measure = MeasuredRun.Begin();
        var clock = Stopwatch.StartNew();
        Loops(Send, limit, 0, mailboxes);
        var wall = clock.Elapsed;
        var requests = simulator.Stats()["requests"] - before["requests"];
        return measure(wall, requests);
    }

    private static void Loops(Func<int, Task> send, int limit, int first, int count)
    {
        var next = first - 1;
        Task.WaitAll(Enumerable.Range(0, limit).Select(_ => Task.Run(async () =>
        {
            for (var m = Interlocked.Increment(ref next); m < first + count; m = Interlocked.Increment(ref next))
            {
                await send(m).ConfigureAwait(false);
            }
        })).ToArray());
    }
}
