using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ImContacts.Bulk;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The bulk layer without PowerShell: retry policy, in-flight bound, ordered concurrent rows, and the retrying caller.</summary>
public sealed class BulkTests
{
    private const string S = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private const string T = "http://schemas.microsoft.com/exchange/services/2006/types";
    private static readonly EwsCallContext Context = new("AddImContactToGroup", Mailboxes.For("ana@contoso.com"), "id");

    private static string Success(string operation) =>
        $"<s:Envelope xmlns:s=\"{S}\"><s:Body><m:{operation}Response ResponseClass=\"Success\" xmlns:m=\"{M}\"><m:ResponseCode>NoError</m:ResponseCode></m:{operation}Response></s:Body></s:Envelope>";

    private static string Error(string operation, string code) =>
        $"<s:Envelope xmlns:s=\"{S}\"><s:Body><m:{operation}Response ResponseClass=\"Error\" xmlns:m=\"{M}\"><m:MessageText>{code}.</m:MessageText><m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:{operation}Response></s:Body></s:Envelope>";

    private static string Busy(int backOffMilliseconds) =>
        $"<s:Envelope xmlns:s=\"{S}\"><s:Body><s:Fault><faultcode xmlns:a=\"{T}\">a:ErrorServerBusy</faultcode><faultstring>The server cannot service this request right now.</faultstring>"
        + $"<detail><e:ResponseCode xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">ErrorServerBusy</e:ResponseCode>"
        + $"<t:MessageXml xmlns:t=\"{T}\"><t:Value Name=\"BackOffMilliseconds\">{backOffMilliseconds}</t:Value></t:MessageXml></detail></s:Fault></s:Body></s:Envelope>";

    private static string ListWithGroup(string groupId, params string[] memberIds) =>
        $"<s:Envelope xmlns:s=\"{S}\"><s:Body><m:GetImItemListResponse ResponseClass=\"Success\" xmlns:m=\"{M}\" xmlns:t=\"{T}\"><m:ResponseCode>NoError</m:ResponseCode>"
        + $"<m:ImItemList><t:Groups><t:ImGroup><t:DisplayName>Project X</t:DisplayName><t:GroupType>IPM.DistList.MOC.UserGroup</t:GroupType>"
        + $"<t:ExchangeStoreId Id=\"{groupId}\" ChangeKey=\"EgAAAA==\"/>"
        + (memberIds.Length == 0 ? string.Empty : "<t:MemberCorrelationKey>" + string.Concat(memberIds.Select(id => $"<t:ItemId Id=\"{id}\" ChangeKey=\"EQAAAA==\"/>")) + "</t:MemberCorrelationKey>")
        + "</t:ImGroup></t:Groups></m:ImItemList></m:GetImItemListResponse></s:Body></s:Envelope>";

    private static ThrottledEwsCaller Caller(ScriptedHandler handler, int limit = 4, int maxRetryWaitSeconds = 30, ManualRetryClock? clock = null) =>
        new(TestClients.Create(handler), new ThrottleGate(limit, 27), new RetryPolicy(TimeSpan.FromSeconds(maxRetryWaitSeconds), seed: 1), clock ?? new ManualRetryClock());

    [Fact]
    public void Policy_classifies_failures_by_whether_the_request_ran()
    {
        var none = new Dictionary<string, string>();
        Assert.Equal(FailureKind.Throttled, RetryPolicy.Classify(new EwsServerBusyException(Context, "Error", null, none, true, 500, null)));
        Assert.Equal(FailureKind.ConnectionLimit, RetryPolicy.Classify(new EwsResponseException(Context, "Error", "ErrorExceededConnectionCount", null, null, none, false, 200)));
        Assert.Equal(FailureKind.Ambiguous, RetryPolicy.Classify(new EwsResponseException(Context, "Error", "ErrorInternalServerTransientError", null, null, none, true, 500)));
        Assert.Equal(FailureKind.Permanent, RetryPolicy.Classify(new EwsResponseException(Context, "Error", "ErrorInvalidImGroupId", null, null, none, false, 200)));
        Assert.Equal(FailureKind.NotRun, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.HttpStatus, "busy", 503)));
        Assert.Equal(FailureKind.NotRun, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.HttpStatus, "too many", 429)));
        Assert.Equal(FailureKind.Ambiguous, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.HttpStatus, "proxy", 502)));
        Assert.Equal(FailureKind.Permanent, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.HttpStatus, "denied", 403)));
        Assert.Equal(FailureKind.TimedOut, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.Timeout, "no answer")));
        Assert.Equal(FailureKind.Ambiguous, RetryPolicy.Classify(new EwsTransportException(Context, EwsTransportFailure.ConnectionFailed, "reset")));
    }

    [Fact]
    public void Policy_waits_the_servers_hint_else_backs_off_exponentially_with_jitter_within_the_budget()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(60), seed: 7);
        var none = new Dictionary<string, string>();
        var hinted = new EwsServerBusyException(Context, "Error", null, none, true, 500, TimeSpan.FromMilliseconds(1234));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), policy.NextDelay(hinted, 1, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(7), policy.NextDelay(new EwsTransportException(Context, EwsTransportFailure.HttpStatus, "busy", 503, TimeSpan.FromSeconds(7)), 1, TimeSpan.Zero));

        // No hint, or a hint of 0: 0.5 s, 1 s, 2 s... each with jitter between half and all of it, at most 30 s.
        var zero = new EwsServerBusyException(Context, "Error", null, none, true, 500, TimeSpan.Zero);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var ceiling = Math.Min(30_000, 500 * Math.Pow(2, attempt - 1));
            Assert.InRange(policy.NextDelay(zero, attempt, TimeSpan.Zero)!.Value.TotalMilliseconds, ceiling / 2, ceiling);
        }

        Assert.Null(policy.NextDelay(hinted, 3, TimeSpan.FromSeconds(59)));
        Assert.Null(policy.NextDelay(new EwsResponseException(Context, "Error", "ErrorAccessDenied", null, null, none, false, 200), 1, TimeSpan.Zero));

        // -TimeoutSec already bounds the wait for an answer: a timed-out request is not sent again.
        Assert.Null(policy.NextDelay(new EwsTransportException(Context, EwsTransportFailure.Timeout, "no answer"), 1, TimeSpan.Zero));
        Assert.Null(new RetryPolicy(TimeSpan.Zero).NextDelay(zero, 1, TimeSpan.Zero));
    }

    [Fact]
    public async Task Gate_bounds_requests_in_flight_and_only_lowers_down_to_one()
    {
        var gate = new ThrottleGate(3, 27);
        var slots = new List<IDisposable>();
        for (var i = 0; i < 3; i++)
        {
            slots.Add(await gate.EnterAsync("", CancellationToken.None));
        }

        var fourth = gate.EnterAsync("", CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(GateLowering.InAll, gate.Lower("other@contoso.com"));
        Assert.Equal(2, gate.Limit);

        // The first slot given back is the one taken away; the second lets the waiting request in.
        slots[0].Dispose();
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        slots[1].Dispose();

        // Handed over on the spot, not through the thread pool.
        Assert.True(fourth.IsCompletedSuccessfully);
        (await fourth).Dispose();
        Assert.Equal(3, gate.MaxInFlight);
        Assert.Equal(GateLowering.InAll, gate.Lower("other@contoso.com"));
        Assert.Null(gate.Lower("other@contoso.com"));
        Assert.Equal(1, gate.Limit);
    }

    [Fact]
    public async Task Gate_bounds_each_mailbox_and_a_full_mailbox_keeps_no_other_waiting()
    {
        var gate = new ThrottleGate(3, 2);
        var ana1 = await gate.EnterAsync("ana", CancellationToken.None);
        var ana2 = await gate.EnterAsync("ana", CancellationToken.None);
        var ana3 = gate.EnterAsync("ana", CancellationToken.None);
        Assert.False(ana3.IsCompleted);

        // A slot is free in all: a request for another mailbox takes it, past the waiter for the full one.
        var kim = gate.EnterAsync("kim", CancellationToken.None);
        Assert.True(kim.IsCompletedSuccessfully);
        var lee = gate.EnterAsync("lee", CancellationToken.None);
        Assert.False(lee.IsCompleted);

        // Kim's slot goes to the oldest waiter that may have it: Lee (Ana still has two in flight).
        (await kim).Dispose();
        Assert.True(lee.IsCompletedSuccessfully);
        Assert.False(ana3.IsCompleted);

        // One of Ana's given back: her waiter goes, on the spot.
        ana1.Dispose();
        Assert.True(ana3.IsCompletedSuccessfully);
        Assert.Equal(2, gate.InFlightFor("ana"));
        Assert.Equal(3, gate.MaxInFlight);
        Assert.Equal(2, gate.MaxInFlightForOneMailbox);
        foreach (var slot in new[] { ana2, await ana3, await lee })
        {
            slot.Dispose();
        }

        Assert.Equal(0, gate.InFlight);
        Assert.Equal(0, gate.InFlightFor("ana"));
    }

    [Fact]
    public async Task Connection_limit_lowers_the_mailbox_bound_when_that_mailbox_had_others_in_flight_else_the_bound_in_all()
    {
        var gate = new ThrottleGate(10, 5);
        var held = new List<IDisposable>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await gate.EnterAsync("ana", CancellationToken.None));
        }

        // Refused with three others in flight for Ana: her budget is what refused, so each mailbox gets three at most.
        Assert.Equal(GateLowering.PerMailbox, gate.Lower("ana"));
        Assert.Equal(3, gate.MailboxLimit);
        Assert.Equal(10, gate.Limit);
        var fourth = gate.EnterAsync("ana", CancellationToken.None);
        Assert.False(fourth.IsCompleted);

        // Refused alone for Kim: the server counts more than one mailbox's requests.
        Assert.Equal(GateLowering.InAll, gate.Lower("kim"));
        Assert.Equal(9, gate.Limit);
        Assert.Equal(3, gate.MailboxLimit);

        held[0].Dispose();
        (await fourth).Dispose();
        foreach (var slot in held.Skip(1))
        {
            slot.Dispose();
        }

        // Never below one.
        var last = await gate.EnterAsync("ana", CancellationToken.None);
        Assert.Equal(GateLowering.PerMailbox, gate.Lower("ana"));
        Assert.Equal(1, gate.MailboxLimit);
        last.Dispose();
    }

    [Fact]
    public async Task Gate_never_lets_more_in_than_either_bound_under_contention()
    {
        var gate = new ThrottleGate(12, 3);
        var counts = new ConcurrentDictionary<string, int>();
        var total = 0;
        var worstTotal = 0;
        var worstMailbox = 0;

        // 32 loops over 6 mailboxes, each holding its slot for a moment: the gate is always the bottleneck.
        var loops = Enumerable.Range(0, 32).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var mailbox = "m" + ((loop + i) % 6);
                using (await gate.EnterAsync(mailbox, CancellationToken.None))
                {
                    var now = Interlocked.Increment(ref total);
                    var forMailbox = counts.AddOrUpdate(mailbox, 1, (_, c) => c + 1);
                    InterlockedMax(ref worstTotal, now);
                    InterlockedMax(ref worstMailbox, forMailbox);
                    await Task.Yield();
                    counts.AddOrUpdate(mailbox, 0, (_, c) => c - 1);
                    Interlocked.Decrement(ref total);
                }
            }
        })).ToArray();
        await Task.WhenAll(loops);

        Assert.InRange(worstTotal, 1, 12);
        Assert.InRange(worstMailbox, 1, 3);
        Assert.InRange(gate.MaxInFlightForOneMailbox, 1, 3);
        Assert.InRange(gate.MaxInFlight, 1, 12);
        Assert.Equal(0, gate.InFlight);

        static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_the_gate_without_taking_a_slot()
    {
        var gate = new ThrottleGate(1, 27);
        var held = await gate.EnterAsync("", CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var abandoned = gate.EnterAsync("", giveUp.Token);
        var next = gate.EnterAsync("", CancellationToken.None);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.False(next.IsCompleted);

        // The slot goes to the next waiter, then back to the gate.
        held.Dispose();
        (await next).Dispose();
        Assert.Equal(0, gate.InFlight);
        Assert.True(gate.EnterAsync("", CancellationToken.None).IsCompletedSuccessfully);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync("", giveUp.Token));
    }

    [Fact]
    public void Runner_writes_rows_in_input_order_whatever_order_they_finish_in()
    {
        var pipelineThread = Environment.CurrentManagedThreadId;
        var written = new List<int>();
        var random = new Random(3);
        var delays = Enumerable.Range(0, 200).Select(_ => random.Next(0, 8)).ToArray();
        var running = 0;
        var maxRunning = 0;
        using var runner = new OrderedRowRunner(4, 16, CancellationToken.None);
        for (var i = 0; i < 200; i++)
        {
            var index = i;
            runner.Submit(new BulkRow(Array.Empty<string>(), async row =>
            {
                var now = Interlocked.Increment(ref running);
                lock (written)
                {
                    maxRunning = Math.Max(maxRunning, now);
                }

                await Task.Delay(delays[index]);
                Interlocked.Decrement(ref running);
                row.Post(() =>
                {
                    Assert.Equal(pipelineThread, Environment.CurrentManagedThreadId);
                    written.Add(index);
                });
            }));
        }

        runner.Complete();
        Assert.Equal(Enumerable.Range(0, 200), written);
        Assert.Equal(200, runner.Written);
        Assert.InRange(maxRunning, 2, 4);
    }

    [Fact]
    public void A_loop_goes_on_to_the_next_queued_row_rather_than_each_row_starting_one()
    {
        // The "server" answers one request at a time, a millisecond apart, on its own thread, as socket completions come.
        var pending = new BlockingCollection<TaskCompletionSource>();
        var server = Task.Run(() =>
        {
            for (var answered = 0; answered < 400 && pending.TryTake(out var request, TimeSpan.FromSeconds(30)); answered++)
            {
                Thread.Sleep(1);
                request.SetResult();
            }
        });
        var written = new List<int>();
        using var runner = new OrderedRowRunner(8, 64, CancellationToken.None);
        for (var i = 0; i < 400; i++)
        {
            var index = i;
            runner.Submit(new BulkRow(Array.Empty<string>(), async row =>
            {
                var answer = new TaskCompletionSource();
                pending.Add(answer);
                await answer.Task;
                row.Post(() => written.Add(index));
            }));
        }

        // Finished rows were written while rows were still coming in, when the pipeline thread came back for room.
        Assert.InRange(written.Count, 336, 400);
        runner.Complete();
        Assert.Equal(Enumerable.Range(0, 400), written);

        // A loop per row was a thread-pool work item, and an idle pool thread woken for it, for every row.
        Assert.InRange(runner.LoopsStarted, 8, 60);
    }

    [Fact]
    public void Rows_sharing_a_key_run_one_after_the_other_and_others_do_not_wait()
    {
        var log = new ConcurrentQueue<string>();
        using var runner = new OrderedRowRunner(4, 16, CancellationToken.None);
        var leeRan = AsyncWait.Signal();
        var leeRanFirst = false;

        // Kim's first row ends only once Lee's row has run (or after 30 s, which fails the test): Lee's row did not wait.
        runner.Submit(new BulkRow(new[] { "kim" }, async _ => { log.Enqueue("kim 1 start"); leeRanFirst = await leeRan.Task.Within(TimeSpan.FromSeconds(30)); log.Enqueue("kim 1 end"); }));
        runner.Submit(new BulkRow(new[] { "kim" }, _ => Done(() => log.Enqueue("kim 2"))));
        runner.Submit(new BulkRow(new[] { "lee" }, _ => Done(() => { log.Enqueue("lee"); leeRan.SetResult(); })));
        runner.Complete();
        var order = log.ToList();
        Assert.True(leeRanFirst, string.Join(", ", order));
        Assert.True(order.IndexOf("kim 2") > order.IndexOf("kim 1 end"), string.Join(", ", order));
        Assert.True(order.IndexOf("lee") < order.IndexOf("kim 1 end"), string.Join(", ", order));
    }

    [Fact]
    public void With_one_worker_each_row_runs_on_the_pipeline_thread_and_is_written_before_the_next_is_taken()
    {
        var pipelineThread = Environment.CurrentManagedThreadId;
        var log = new List<string>();
        using var runner = new OrderedRowRunner(1, 1, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            var index = i;
            log.Add($"submit {index}");
            runner.Submit(new BulkRow(Array.Empty<string>(), row => Done(() =>
            {
                Assert.Equal(pipelineThread, Environment.CurrentManagedThreadId);
                Assert.True(runner.Ask(() => true));
                row.Post(() => log.Add($"write {index}"));
            })));
        }

        runner.Complete();
        Assert.Equal(new[] { "submit 0", "write 0", "submit 1", "write 1", "submit 2", "write 2" }, log);
    }

    [Fact]
    public void A_question_is_answered_on_the_pipeline_thread_and_a_crash_surfaces_there_in_its_turn()
    {
        var pipelineThread = Environment.CurrentManagedThreadId;
        var answeredOn = 0;
        using var runner = new OrderedRowRunner(2, 4, CancellationToken.None);
        var written = new List<string>();
        runner.Submit(new BulkRow(Array.Empty<string>(), async row =>
        {
            // Past its first wait a row goes on on another thread: the question still goes to the pipeline thread.
            await Task.Yield();
            Assert.NotEqual(pipelineThread, Environment.CurrentManagedThreadId);
            var yes = runner.Ask(() => { answeredOn = Environment.CurrentManagedThreadId; return true; });
            row.Post(() => written.Add($"asked {yes}"));
        }));
        var crash = Assert.Throws<InvalidOperationException>(() =>
        {
            // Its turn may come while the next row is submitted, or at the end.
            runner.Submit(new BulkRow(Array.Empty<string>(), _ => throw new InvalidOperationException("bug")));
            runner.Complete();
        });
        Assert.Equal("bug", crash.Message);
        Assert.Equal(pipelineThread, answeredOn);
        Assert.Equal(new[] { "asked True" }, written);
    }

    [Fact]
    public void Cancelling_ends_the_wait_at_once()
    {
        using var stop = new CancellationTokenSource();
        using var runner = new OrderedRowRunner(2, 2, stop.Token);
        stop.CancelAfter(200);
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            runner.Submit(new BulkRow(Array.Empty<string>(), _ => Task.Delay(5000)));
            runner.Complete();
        });
    }

    [Fact]
    public async Task Rows_past_their_mailboxs_bound_wait_without_a_worker_and_rows_for_other_mailboxes_run()
    {
        using var runner = new OrderedRowRunner(4, 64, CancellationToken.None, () => 2);
        var release = AsyncWait.Signal();
        var running = new ConcurrentDictionary<string, int>();
        var worst = 0;
        var order = new ConcurrentQueue<string>();

        // Six rows for Ana that hold their worker until released, then two for Kim. Four workers: with Ana's six
        // blocking them, Kim's rows could not start; Ana may run two at once, so Kim's get the other workers.
        var rows = Enumerable.Range(0, 6).Select(i => ("ana", i)).Concat(Enumerable.Range(0, 2).Select(i => ("kim", i))).ToList();
        var kimLeft = 2;
        var kimDone = AsyncWait.Signal();
        var anaAtBound = AsyncWait.Signal();
        foreach (var (mailbox, index) in rows)
        {
            runner.Submit(new BulkRow(Array.Empty<string>(), async _ =>
            {
                var now = running.AddOrUpdate(mailbox, 1, (_, c) => c + 1);
                if (mailbox == "ana")
                {
                    int seen;
                    while (now > (seen = Volatile.Read(ref worst)) && Interlocked.CompareExchange(ref worst, now, seen) != seen)
                    {
                    }

                    if (now == 2)
                    {
                        anaAtBound.TrySetResult();
                    }

                    await release.Task.Within(TimeSpan.FromSeconds(30));
                }
                else if (Interlocked.Decrement(ref kimLeft) == 0)
                {
                    kimDone.SetResult();
                }

                running.AddOrUpdate(mailbox, 0, (_, c) => c - 1);
                order.Enqueue($"{mailbox} {index}");
            }, mailbox));
        }

        // Kim's rows finish while all of Ana's still wait.
        Assert.True(await kimDone.Task.Within(TimeSpan.FromSeconds(10)), "Rows for another mailbox waited behind a mailbox at its bound.");
        Assert.DoesNotContain(order, o => o.StartsWith("ana", StringComparison.Ordinal));

        // Ana gets her two at once (on one core the second may start only after Kim's rows: wait for it, bounded).
        Assert.True(await anaAtBound.Task.Within(TimeSpan.FromSeconds(10)), "Ana's rows never ran two at once.");
        release.SetResult();
        runner.Complete();

        Assert.Equal(2, worst);
        Assert.Equal(8, runner.Written);
        Assert.Equal(6, order.Count(o => o.StartsWith("ana", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rows_that_need_the_same_list_at_once_share_one_read()
    {
        var cache = new ImContacts.Resolution.ImListCache();
        var reads = 0;
        var states = new ConcurrentBag<object>();
        var rows = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await cache.Sync.EnterAsync();
            try
            {
                states.Add(await cache.GetAsync(Mailboxes.For("ana@contoso.com"), async () =>
                {
                    Interlocked.Increment(ref reads);

                    // A row lets go of the lock while its request is in flight, as PipelineRow does.
                    cache.Sync.Exit();
                    try
                    {
                        await Task.Delay(100);
                    }
                    finally
                    {
                        await cache.Sync.EnterAsync();
                    }

                    return new ImItemList(Array.Empty<ImGroup>(), Array.Empty<Persona>(), "ana@contoso.com");
                }));
            }
            finally
            {
                cache.Sync.Exit();
            }
        })).ToArray();
        await Task.WhenAll(rows);
        Assert.Equal(1, reads);
        Assert.Single(states.Distinct());
    }

    [Fact]
    public async Task Caller_waits_the_back_off_and_sends_again()
    {
        var clock = new ManualRetryClock();
        var handler = new ScriptedHandler(_ => (500, Busy(100)), _ => (200, Success("AddImContactToGroup"))) { Clock = clock };
        var explained = new ConcurrentQueue<string>();
        var result = await Caller(handler, clock: clock).InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.For("ana@contoso.com"), explained.Enqueue, CancellationToken.None);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, handler.Count);

        // The one wait is the server's BackOffMilliseconds, and the second request went out only once it had passed.
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(100) }, clock.Waits);
        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(100) }, handler.SentAt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), result.Duration);
        Assert.Contains(explained, m => m.Contains("attempt 1 failed with ErrorServerBusy; sending it again in 0.1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_gives_up_when_the_hint_exceeds_the_budget_and_says_so()
    {
        var handler = new ScriptedHandler(_ => (500, Busy(297749)));
        var error = await Assert.ThrowsAsync<EwsServerBusyException>(() =>
            Caller(handler, maxRetryWaitSeconds: 120).InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, null, CancellationToken.None));
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, handler.Count);
        Assert.Contains("the server asked to wait 297.7 s, beyond what is left of the 120 s retry budget", error.Message);

        var clock = new ManualRetryClock();
        var twice = new ScriptedHandler(_ => (500, Busy(200)), _ => (500, Busy(200)), _ => (500, Busy(900)));
        var spent = await Assert.ThrowsAsync<EwsServerBusyException>(() =>
            Caller(twice, maxRetryWaitSeconds: 1, clock: clock).InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, null, CancellationToken.None));
        Assert.Equal(3, spent.Attempts);
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200) }, clock.Waits);
        Assert.Contains("Gave up after 3 attempt(s): the server asked to wait 0.9 s, beyond what is left of the 1 s retry budget (-MaxRetryWait)", spent.Message);
    }

    [Fact]
    public async Task Caller_does_not_retry_a_permanent_error()
    {
        var handler = new ScriptedHandler(_ => (200, Error("AddImContactToGroup", "ErrorInvalidImContactId")));
        var error = await Assert.ThrowsAsync<EwsResponseException>(() =>
            Caller(handler).InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, null, CancellationToken.None));
        Assert.Equal(1, handler.Count);
        Assert.Null(error.GaveUpBecause);
        Assert.DoesNotContain("Gave up", error.Message);
    }

    [Fact]
    public async Task Caller_lowers_the_bound_on_ErrorExceededConnectionCount()
    {
        var handler = new ScriptedHandler(_ => (200, Error("AddImContactToGroup", "ErrorExceededConnectionCount")), _ => (200, Success("AddImContactToGroup")));
        var caller = Caller(handler, limit: 5);
        var result = await caller.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, null, CancellationToken.None);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(4, caller.Gate.Limit);
    }

    [Fact]
    public async Task An_unanswered_removal_is_not_sent_again_when_the_list_shows_it_made()
    {
        var contact = new ItemId("AAMkQ29udGFjdA==", "EQAAAA==");
        var group = new ItemId("AAMkR3JvdXA=", "EgAAAA==");
        var handler = new ScriptedHandler(
            _ => throw new HttpRequestException("The response ended prematurely."),
            _ => (200, ListWithGroup(group.Id)));
        var result = await Caller(handler).InvokeAsync(new RemoveImContactFromGroupOperation(contact, group), Mailboxes.Own, null, CancellationToken.None);
        Assert.True(result.Verified);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(new[] { "RemoveImContactFromGroup", "GetImItemList" }, handler.Operations);
    }

    [Fact]
    public async Task An_unanswered_removal_is_sent_again_when_the_list_shows_it_not_made()
    {
        var contact = new ItemId("AAMkQ29udGFjdA==", "EQAAAA==");
        var group = new ItemId("AAMkR3JvdXA=", "EgAAAA==");
        var handler = new ScriptedHandler(
            _ => throw new HttpRequestException("The response ended prematurely."),
            _ => (200, ListWithGroup(group.Id, contact.Id)),
            _ => (200, Success("RemoveImContactFromGroup")));
        var result = await Caller(handler).InvokeAsync(new RemoveImContactFromGroupOperation(contact, group), Mailboxes.Own, null, CancellationToken.None);
        Assert.False(result.Verified);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(new[] { "RemoveImContactFromGroup", "GetImItemList", "RemoveImContactFromGroup" }, handler.Operations);
    }

    [Fact]
    public async Task An_idempotent_change_is_simply_sent_again_after_a_dropped_connection()
    {
        var clock = new ManualRetryClock();
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("reset"), _ => (200, Success("AddImContactToGroup"))) { Clock = clock };
        var result = await Caller(handler, clock: clock).InvokeAsync(
            new AddImContactToGroupOperation(new ItemId("AAMkQ29udGFjdA==", "EQAAAA=="), null), Mailboxes.Own, null, CancellationToken.None);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(new[] { "AddImContactToGroup", "AddImContactToGroup" }, handler.Operations);

        // No hint from a dropped connection: the wait is the policy's first back-off (the same seed gives the same jitter).
        var dropped = new EwsTransportException(Context, EwsTransportFailure.ConnectionFailed, "reset");
        var backOff = new RetryPolicy(TimeSpan.FromSeconds(30), seed: 1).NextDelay(dropped, 1, TimeSpan.Zero)!.Value;
        Assert.InRange(backOff.TotalMilliseconds, 250, 500);
        Assert.Equal(new[] { backOff }, clock.Waits);
        Assert.Equal(new[] { TimeSpan.Zero, backOff }, handler.SentAt);
    }

    [Fact]
    public void Change_operations_recognise_their_effect_in_a_list()
    {
        var contact = new ItemId("C1");
        var group = new ItemId("G1");
        var member = new ImItemList(new[] { new ImGroup("X", ImGroupTypes.UserGroup, group, new[] { contact }, Array.Empty<ExtendedPropertyValue>(), null, null) }, Array.Empty<Persona>(), null);
        var empty = new ImItemList(new[] { new ImGroup("Y", ImGroupTypes.UserGroup, group, Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyValue>(), null, null) }, Array.Empty<Persona>(), null);
        var none = new ImItemList(Array.Empty<ImGroup>(), Array.Empty<Persona>(), null);
        Assert.False(new RemoveImContactFromGroupOperation(contact, group).IsAppliedIn(member));
        Assert.True(new RemoveImContactFromGroupOperation(contact, group).IsAppliedIn(empty));
        Assert.False(new RemoveContactFromImListOperation(contact).IsAppliedIn(member));
        Assert.True(new RemoveContactFromImListOperation(contact).IsAppliedIn(empty));
        Assert.False(new RemoveImGroupOperation(group).IsAppliedIn(member));
        Assert.True(new RemoveImGroupOperation(group).IsAppliedIn(none));
        Assert.True(new RemoveDistributionGroupFromImListOperation(group).IsAppliedIn(none));
        Assert.True(new SetImGroupOperation(group, "Y").IsAppliedIn(empty));
        Assert.False(new SetImGroupOperation(group, "Y").IsAppliedIn(member));
    }

    /// <summary>Answers each request with the next step of a script (the last one repeats) and records the operations.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Func<string, (int Status, string Body)>[] steps;
        private readonly ConcurrentQueue<string> operations = new();
        private readonly ConcurrentQueue<TimeSpan> sentAt = new();
        private int count;

        public ScriptedHandler(params Func<string, (int Status, string Body)>[] steps)
        {
            this.steps = steps;
        }

        public int Count => Volatile.Read(ref count);

        public IReadOnlyList<string> Operations => operations.ToList();

        /// <summary>The clock whose time each request is recorded at, if any.</summary>
        public ManualRetryClock? Clock { get; init; }

        /// <summary>When each request arrived, on <see cref="Clock"/>.</summary>
        public IReadOnlyList<TimeSpan> SentAt => sentAt.ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var action = request.Headers.GetValues("SOAPAction").Single().Trim('"');
            var operation = action.Substring(action.LastIndexOf('/') + 1);
            operations.Enqueue(operation);
            if (Clock is { } clock)
            {
                sentAt.Enqueue(clock.Elapsed);
            }
            var index = Interlocked.Increment(ref count) - 1;
            var (status, answer) = steps[Math.Min(index, steps.Length - 1)](body);
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(answer, Encoding.UTF8, "text/xml") };
        }
    }

    /// <summary>A row's work that needs no wait: done when it returns.</summary>
    private static Task Done(Action work)
    {
        work();
        return Task.CompletedTask;
    }
}
