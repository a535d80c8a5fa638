using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>
/// The two bounds on requests in flight: -ThrottleLimit in all and -MailboxThrottleLimit per target mailbox (Exchange
/// charges an impersonated request to the target mailbox's budget). Counted by the simulator while its arrival gate
/// holds the requests, so that each bound is reached for certain and a request past it would be seen.
/// </summary>
public sealed class MailboxThrottleTests : SimulatorTest
{
    /// <summary>
    /// Rows that can all be in flight at once, each its own contact into its own new group; but the first of each mailbox,
    /// a membership the list has, only reads the list: the other rows of its mailbox wait for it (the read's claim lasts
    /// the row's run).
    /// </summary>
    private List<Dictionary<string, object?>> DistinctGroupRows(int mailboxes, int rowsEach)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var mailbox in Simulator.Store.SeedBulkMailboxes(mailboxes, rowsEach))
        {
            for (var c = 0; c < rowsEach; c++)
            {
                rows.Add(new Dictionary<string, object?> { ["Mailbox"] = mailbox, ["ImAddress"] = $"c{c}@contoso.com", ["GroupName"] = c == 0 ? "Everyone" : $"Team {c}" });
            }
        }

        return rows;
    }

    /// <summary>
    /// Holds the run's requests and lets them go one at a time, oldest first, whenever none has arrived for 400 ms and
    /// fewer than <paramref name="expected"/> are held: the first row to reach each mailbox's list reads it and makes its
    /// own change while the mailbox's other rows wait (the read's claim lasts that row's run), and which row that is
    /// depends on the threads. Once <paramref name="expected"/> are held and no more come for 400 ms, the client is at its
    /// bound: one past it would have been sent meanwhile. Returns the requests held then (0 if the run ended first: the
    /// fixture stops waiting for this then).
    /// </summary>
    private int HeldAtOnce(string script, List<Dictionary<string, object?>> rows, int expected, out ScriptResult result)
    {
        var held = 0;
        result = RunConnectedThroughGate(script, new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) }, async gate =>
        {
            var (arrived, released) = (0, 0);
            while (true)
            {
                try
                {
                    await gate.ArrivedAsync(arrived + 1).WaitAsync(TimeSpan.FromMilliseconds(400));
                    arrived++;
                    continue;
                }
                catch (TimeoutException)
                {
                }

                if (arrived - released >= expected)
                {
                    break;
                }

                if (arrived > released)
                {
                    gate.ReleaseNext();
                    released++;
                }
            }

            held = Simulator.InFlight;
        });
        return held;
    }

    private static void AssertAllAdded(List<Dictionary<string, object?>> rows, ScriptResult result)
    {
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(rows.Count / rows.Select(r => r["Mailbox"]).Distinct().Count() - 1, result.Output.Count(o => (bool)o.Properties["GroupCreated"].Value) / rows.Select(r => r["Mailbox"]).Distinct().Count());
        Assert.Equal(rows.Select(r => $"{r["Mailbox"]} {r["ImAddress"]}"),
            result.Output.Select(o => $"{o.Properties["Mailbox"].Value} {CsvRows.Bare(o.Properties["ImAddress"].Value)}"));
        Assert.All(result.Output, o => Assert.Equal(
            CsvRows.Bare(o.Properties["ImAddress"].Value) == "c0@contoso.com" ? "AlreadyMember False" : "Added True",
            $"{o.Properties["Status"].Value} {o.Properties["GroupCreated"].Value}"));
    }

    public static TheoryData<string, int, int, string, int, int, int> Bounds() => new()
    {
        // A CSV whose rows all name one mailbox, at -ThrottleLimit 128: its budget, 27, is what holds.
        { "one mailbox at 128", 1, 60, "-ThrottleLimit 128", 27, 27, 27 },
        // Six mailboxes at five each would allow 30: the bound in all, 20, is what holds.
        { "bound in all", 6, 25, "-ThrottleLimit 20 -MailboxThrottleLimit 5", 20, 4, 5 },
        // Three mailboxes at ten each, under a bound in all of 64: thirty in flight, ten for each mailbox.
        { "bound per mailbox", 3, 40, "-ThrottleLimit 64 -MailboxThrottleLimit 10", 30, 10, 10 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Requests_in_flight_reach_the_binding_bound_and_never_pass_either(string bound, int mailboxes, int rowsEach, string limits, int inAll, int perMailboxAtLeast, int perMailboxAtMost)
    {
        var rows = DistinctGroupRows(mailboxes, rowsEach);
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(30);

        var held = HeldAtOnce($"$rows | Add-ImContactToGroup -CreateGroup {limits} -PassThru", rows, inAll, out var result);

        AssertAllAdded(rows, result);
        Assert.True(held == inAll, $"{bound}: {held} requests held at once, not {inAll}");
        Assert.Equal(inAll, Simulator.MaxInFlight);
        Assert.InRange(Simulator.MaxInFlightForOneMailbox, perMailboxAtLeast, perMailboxAtMost);
    }

    [Fact]
    public void A_mailbox_budget_smaller_than_the_bound_lowers_it_for_the_rest_of_the_run_and_every_row_finishes()
    {
        var rows = DistinctGroupRows(2, 40);
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(20);
        Simulator.Faults.MailboxConcurrencyLimit = 4;

        var result = RunConnected("$rows | Add-ImContactToGroup -CreateGroup -ThrottleLimit 64 -PassThru -Verbose", new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });

        AssertAllAdded(rows, result);
        Assert.Contains(Simulator.Requests, r => r.ResponseCode == "ErrorExceededConnectionCount");
        Assert.Contains(result.Verbose, v => v.Contains("ErrorExceededConnectionCount: the server allows fewer concurrent requests for one mailbox; at most ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-ThrottleLimit 257", "ThrottleLimit", "257")]
    [InlineData("-ThrottleLimit 0", "ThrottleLimit", "0")]
    [InlineData("-MailboxThrottleLimit 28", "MailboxThrottleLimit", "28")]
    public void Limits_out_of_range_are_refused_naming_the_parameter_and_the_value(string arguments, string parameter, string value)
    {
        var result = RunConnected($"Add-ImContactToGroup -ImAddress kim@contoso.com {arguments}");
        var error = Assert.Single(result.Errors);
        Assert.Contains($"'{parameter}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(value, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Simulator.Requests, r => r.Operation is not null);
    }
}
