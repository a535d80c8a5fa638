using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImContacts.Simulator;

public sealed class SimulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Where Microsoft's messages.xsd lives; null looks for it (see SchemaLocator) and, when there is none, uses ImContacts' own schema.</summary>
    public string? SchemaDirectory { get; init; }

    public IReadOnlyList<SimulatorAccount> Accounts { get; init; } = new[] { SimulatorAccounts.Admin, SimulatorAccounts.Ana };

    public IReadOnlyList<string> Mailboxes { get; init; } = SimulatorAccounts.DemoMailboxes;

    /// <summary>False skips schema validation (benchmarks: the simulator shares the machine's cores with the client).</summary>
    public bool ValidateRequests { get; init; } = true;

    /// <summary>Also offers Negotiate and NTLM, as IIS does on-premises (needs a realm: KRB5_CONFIG, KRB5_KTNAME).</summary>
    public bool Negotiate { get; init; }

    /// <summary>Offers Basic alone, as an IIS with only Basic authentication on the EWS virtual directory does.</summary>
    public bool BasicOnly { get; init; }

    /// <summary>
    /// With Negotiate: closes the connection after each 401 that carries the handshake's next leg, as a load balancer or
    /// reverse proxy that does not keep the client's connection between the legs does. Kerberos, one leg, still works.
    /// </summary>
    public bool CloseMidHandshake { get; init; }
}

/// <summary>
/// A loopback EWS endpoint (127.0.0.1 only) with per-mailbox IM lists in memory. Checks Basic or Bearer credentials,
/// honours impersonation, validates Exchange2013 requests against Microsoft's schema (or, without it, ImContacts' own
/// schema of the IM-list subset), and injects faults on request.
/// </summary>
public sealed class EwsSimulator : IAsyncDisposable
{
    private const string S = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Soap = S;
    private static readonly XNamespace M = ImItemXml.M;
    private static readonly XNamespace T = ImItemXml.T;
    private static readonly string[] AllVersions =
    {
        "Exchange2007", "Exchange2007_SP1", "Exchange2009", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2012",
        "Exchange2013", "Exchange2013_SP1", "Exchange2015", "Exchange2016", "V2015_10_05", "V2016_01_06", "V2016_04_13",
        "V2016_07_13", "V2016_10_10", "V2017_01_07", "V2017_04_14", "V2017_07_11", "V2017_10_09", "V2018_01_08",
    };

    private readonly WebApplication app;
    private readonly ImListOperations operations;
    private readonly SchemaValidator? validator;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly IReadOnlyList<SimulatorAccount> accounts;
    private readonly bool negotiate;
    private readonly bool closeMidHandshake;
    private readonly bool basicOnly;
    private readonly ConcurrentQueue<string> principals = new();

    /// <summary>The principals Negotiate or NTLM handshakes proved, in order: user@REALM for Kerberos, DOMAIN\\user for NTLM.</summary>
    public IReadOnlyCollection<string> Principals => principals.ToArray();
    private int inFlight;
    private int maxInFlight;

    private EwsSimulator(WebApplication app, SimulatorOptions options, SchemaValidator? validator)
    {
        this.app = app;
        this.validator = validator;
        accounts = options.Accounts;
        negotiate = options.Negotiate;
        closeMidHandshake = options.CloseMidHandshake;
        basicOnly = options.BasicOnly;
        foreach (var mailbox in options.Mailboxes.Concat(options.Accounts.Select(a => a.Mailbox)))
        {
            Store.AddMailbox(mailbox);
        }

        operations = new ImListOperations(Store);
    }

    public Uri Url { get; private set; } = null!;

    public SimulatorStore Store { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>Holds arriving requests for tests that need writes to overlap for certain.</summary>
    public ArrivalGate Gate { get; } = new();

    /// <summary>
    /// Writes that save a group another request saved since they arrived fail, as on a real server (protocol reference
    /// §12: ErrorIrresolvableConflict, ErrorUnableToRemoveImContactFromGroup). On unless a test turns it off.
    /// </summary>
    public bool ConcurrentWrites { get; set; } = true;

    /// <summary>The identity platform stand-in on the same port; EWS accepts the access tokens it issues.</summary>
    public IdentityResponder Identity { get; } = new();

    public int Port => Url.Port;

    /// <summary>The directory of Microsoft's schema requests are validated against, or null (own schema, or no validation).</summary>
    public string? SchemaDirectory => validator?.Directory;

    /// <summary>What requests are validated against, in words: Microsoft's schema (and where), ImContacts' own, or nothing.</summary>
    public string SchemaDescription => validator?.Description ?? "nothing (request validation is off)";

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>EWS requests being handled now.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>The most EWS requests handled at once since the start or the last reset.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>EWS requests in flight per budget (target mailbox under impersonation, else the account).</summary>
    public BudgetCounter Budgets { get; } = new();

    /// <summary>The most EWS requests handled at once on one budget since the start or the last reset.</summary>
    public int MaxInFlightForOneMailbox => Budgets.MaxInFlight;

    public void ResetMaxInFlight()
    {
        Interlocked.Exchange(ref maxInFlight, 0);
        Budgets.Reset();
    }

    /// <summary>
    /// For the benchmark harness (GET /stats): requests that reached an operation, list reads among them, saves refused by
    /// conflicts, and the most requests in flight at once, in all and on one mailbox's budget. One line of name=value pairs.
    /// </summary>
    public string Stats()
    {
        var answered = Requests.Where(r => r.StatusCode != 401 && r.Operation is not null).ToList();
        return $"requests={answered.Count} reads={answered.Count(r => r.Operation is "GetImItemList" or "GetImItems")} "
            + $"conflicts={Store.Conflicts} maxInFlight={MaxInFlight} maxInFlightPerMailbox={MaxInFlightForOneMailbox}";
    }

    public void ClearRequests() => requests.Clear();

    public static async Task<EwsSimulator> StartAsync(SimulatorOptions? options = null)
    {
        options ??= new SimulatorOptions();
        var validator = options.ValidateRequests ? SchemaValidator.For(options.SchemaDirectory ?? SchemaLocator.Find()) : null;

        // No configuration file is reloaded on change, so a host watches no files: each watcher costs an inotify
        // instance on Linux, and a test run that starts hundreds of simulators would exhaust the per-user limit (128).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = new[] { "--hostBuilder:reloadConfigOnChange=false" } });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var simulator = new EwsSimulator(app, options, validator);
        app.MapPost("/EWS/Exchange.asmx", simulator.HandleAsync);
        app.MapGet("/stats", () => simulator.Stats());
        simulator.Identity.Map(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.Url = new Uri(new Uri(address), "/EWS/Exchange.asmx");
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        var left = false;
        string? budget = null;
        var sync = new object();

        // A dropped connection reaches the client at once, so it leaves the count before the abort, not after.
        void Leave()
        {
            lock (sync)
            {
                if (left)
                {
                    return;
                }

                left = true;
                Interlocked.Decrement(ref inFlight);
                if (budget is not null)
                {
                    Budgets.Leave(budget);
                }
            }
        }

        // Counted on its budget once the request says whose it is; 0 when it has left already.
        int OnBudget(string key)
        {
            lock (sync)
            {
                if (left)
                {
                    return 0;
                }

                budget = key;
                return Budgets.Enter(key);
            }
        }

        try
        {
            await HandleCountedAsync(context, now, Leave, OnBudget).ConfigureAwait(false);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>One request in stages: sign-in, arrival (§12's binding of groups, the gate, latency), injected faults, the operation.</summary>
    private async Task HandleCountedAsync(HttpContext context, int concurrent, Action leave, Func<string, int> onBudget)
    {
        var arrival = System.Diagnostics.Stopwatch.GetTimestamp();
        var exchange = await SimulatedExchange.ReadAsync(context, requests, leave).ConfigureAwait(false);
        if (!SignIn(exchange))
        {
            return;
        }

        // A write binds the groups it will save now, and saves them once its work (the latency) is done (§12).
        long? arrivedAt = ConcurrentWrites ? Store.SaveClock : null;

        // The latency counts from the request's arrival, as a server's time per request does: reading and parsing the
        // body, and on a loaded machine waiting for a thread, are part of it rather than added to it.
        (XDocument Envelope, string Operation)? parsed = null;
        SimulatedError? unparsed = null;
        try
        {
            parsed = Parse(exchange.Body);
        }
        catch (SimulatedError error)
        {
            unparsed = error;
        }

        // Counted on its budget before the gate holds it, so that a test holding requests sees them all counted.
        var onItsBudget = onBudget(BudgetOf(parsed?.Envelope, exchange.Account!));
        await Gate.PassAsync(context.RequestAborted).ConfigureAwait(false);

        if (Faults.Latency > TimeSpan.Zero)
        {
            await LatencyTimer.Shared.WaitUntilAsync(arrival + (long)(Faults.Latency.TotalSeconds * System.Diagnostics.Stopwatch.Frequency),
                context.RequestAborted).ConfigureAwait(false);
        }

        var fault = Faults.Next();
        if (await AnsweredByFaultAsync(exchange, fault).ConfigureAwait(false))
        {
            return;
        }

        int status;
        byte[] answer;
        string code;
        try
        {
            var (envelope, operation) = parsed ?? throw unparsed!;
            exchange.Operation = operation;
            fault = Faults.NextFor(operation) ?? fault;
            if (fault?.Kind == InjectedFaultKind.DropConnection)
            {
                exchange.Drop("DroppedConnection");
                return;
            }

            answer = Execute(exchange, envelope, operation, concurrent, onItsBudget, arrivedAt);
            (status, code) = (200, "NoError");
        }
        catch (SimulatedError error)
        {
            var isFault = error.IsFault || exchange.Operation is null;
            answer = isFault ? SoapResponseWriter.Fault(error) : SoapResponseWriter.Response(exchange.Operation!, error, null);
            (status, code) = (isFault ? 500 : 200, error.ResponseCode);
        }

        if (fault?.Kind == InjectedFaultKind.DropAfterApply)
        {
            exchange.Drop("DroppedAfter" + code);
            return;
        }

        await exchange.AnswerAsync(status, answer, code).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the request's account (a token, Basic, or a Negotiate/NTLM principal proved over the connection); without
    /// one, answers 401 with the schemes on offer and returns false.
    /// </summary>
    private bool SignIn(SimulatedExchange exchange)
    {
        var context = exchange.Context;
        var authorization = exchange.Authorization;
        string? negotiateChallenge = null, negotiateFailure = null;
        exchange.Account = Authenticate(authorization);
        if (negotiate && exchange.Account is null)
        {
            // Negotiate and NTLM prove a principal over the connection, once; IIS keeps it for the connection's next requests.
            string? principal;
            if (authorization.StartsWith("Negotiate ", StringComparison.OrdinalIgnoreCase) || authorization.StartsWith("NTLM ", StringComparison.OrdinalIgnoreCase))
            {
                principal = NegotiateSignIn.Step(context, authorization, out var challenge, out var mutual, out negotiateFailure);
                negotiateChallenge = challenge;
                if (mutual is not null)
                {
                    context.Response.Headers.Append("WWW-Authenticate", mutual);
                }
            }
            else
            {
                principal = authorization.Length == 0 ? NegotiateSignIn.ConnectionIdentity(context) : null;
            }

            if (principal is not null && authorization.Length > 0)
            {
                principals.Enqueue(principal);
            }

            exchange.Account = principal is null ? null : ForPrincipal(principal);
        }

        if (exchange.Account is not null)
        {
            return true;
        }

        context.Response.StatusCode = 401;
        if (negotiate)
        {
            if (negotiateChallenge is not null && negotiateChallenge.Contains(' '))
            {
                // The handshake goes on: only its next leg is offered.
                context.Response.Headers.Append("WWW-Authenticate", negotiateChallenge);
                if (closeMidHandshake)
                {
                    context.Response.Headers.Append("Connection", "close");
                }

                exchange.Record(401, "Unauthorized");
                return false;
            }

            context.Response.Headers.Append("WWW-Authenticate", "Negotiate");
            context.Response.Headers.Append("WWW-Authenticate", "NTLM");
        }

        context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"ImContacts Simulator\"");
        if (!basicOnly)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Bearer");
        }

        exchange.Record(401, negotiateFailure is null ? "Unauthorized" : "Unauthorized: " + negotiateFailure);
        return false;
    }

    /// <summary>Answers the request as an injected fault says, if one does (a dropped connection, a 503, a raw answer, a hang, ErrorServerBusy).</summary>
    private static async Task<bool> AnsweredByFaultAsync(SimulatedExchange exchange, InjectedFault? fault)
    {
        var context = exchange.Context;
        switch (fault)
        {
            case { Kind: InjectedFaultKind.DropConnection }:
                exchange.Drop("DroppedConnection");
                return true;
            case { Kind: InjectedFaultKind.ServiceUnavailable } unavailable:
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = unavailable.RetryAfterSeconds.ToString();
                exchange.Record(503, "ServiceUnavailable");
                return true;
            case { Kind: InjectedFaultKind.RawAnswer, Answer: { } raw }:
                context.Response.StatusCode = raw.Status;
                if (raw.ContentType.Length > 0)
                {
                    context.Response.ContentType = raw.ContentType;
                }

                foreach (var (name, value) in raw.Headers ?? new Dictionary<string, string>())
                {
                    context.Response.Headers.Append(name, value);
                }

                exchange.Record(raw.Status, "RawAnswer");
                await context.Response.Body.WriteAsync(raw.Body, context.RequestAborted).ConfigureAwait(false);
                return true;
            case { Kind: InjectedFaultKind.Hang }:
                exchange.Record(0, "Hang");
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(10), context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return true;
            case { Kind: InjectedFaultKind.ServerBusy } throttled:
                var busy = new SimulatedError("ErrorServerBusy", "The server cannot service this request right now. Try again later.", true,
                    new Dictionary<string, string> { ["BackOffMilliseconds"] = throttled.BackOffMilliseconds.ToString() });
                await exchange.AnswerAsync(500, SoapResponseWriter.Fault(busy), busy.ResponseCode).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The operation itself: header checks, rejections and limits asked for, then the store's answer (a SimulatedError otherwise).</summary>
    private byte[] Execute(SimulatedExchange exchange, XDocument envelope, string operation, int concurrent, int onItsBudget, long? arrivedAt)
    {
        var request = Check(envelope, operation, exchange, out var culture);
        var mailbox = Store.Get(exchange.Target!);
        if (Faults.RejectedOperations.TryGetValue(operation, out var rejection))
        {
            throw new SimulatedError(rejection, $"The server rejected {operation}.");
        }

        if ((Faults.ConcurrencyLimit is { } limit && concurrent > limit) || (Faults.MailboxConcurrencyLimit is { } perBudget && onItsBudget > perBudget))
        {
            throw new SimulatedError("ErrorExceededConnectionCount",
                "You have exceeded the maximum number of concurrent connections for your account. Try again once your other requests have completed.");
        }

        // Rendered under the mailbox's lock: another request may be changing the list meanwhile.
        lock (mailbox.Sync)
        {
            return SoapResponseWriter.Response(operation, null, operations.Execute(operation, request, mailbox, culture, arrivedAt));
        }
    }

    /// <summary>An account for a token the identity responder issued: the signed-in user, or an application that may impersonate.</summary>
    private SimulatorAccount? FromIssuedToken(string token) => Identity.Validate(token) switch
    {
        null => null,
        { AppOnly: true } issued => new SimulatorAccount(issued.Subject, string.Empty, string.Empty, CanImpersonate: true, token),
        var issued => accounts.FirstOrDefault(a => string.Equals(a.UserName, issued.Subject, StringComparison.OrdinalIgnoreCase)),
    };

    /// <summary>The account of a Kerberos or NTLM principal: user@REALM, DOMAIN\\user or user matches the account's user part, in any case.</summary>
    private SimulatorAccount? ForPrincipal(string principal)
    {
        var user = principal.Contains('\\') ? principal.Substring(principal.IndexOf('\\') + 1) : principal.Split('@')[0];
        return accounts.FirstOrDefault(a => string.Equals(a.UserName.Split('@')[0], user, StringComparison.OrdinalIgnoreCase));
    }

    private SimulatorAccount? Authenticate(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !basicOnly)
        {
            var token = authorization.Substring(7).Trim();
            return accounts.FirstOrDefault(a => a.BearerToken is not null && a.BearerToken == token) ?? FromIssuedToken(token);
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6).Trim())).Split(':', 2);
                return accounts.FirstOrDefault(a => pair.Length == 2
                    && string.Equals(a.UserName, pair[0], StringComparison.OrdinalIgnoreCase) && a.Password == pair[1]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static (XDocument Envelope, string Operation) Parse(string body)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(body), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new SimulatedError("ErrorSchemaValidation", "The request failed schema validation: " + ex.Message, true);
        }

        if (document.Root?.Name != Soap + "Envelope")
        {
            throw new SimulatedError("ErrorInvalidRequest", "The request is invalid: the root element is not a SOAP 1.1 Envelope.", true);
        }

        var request = document.Root.Element(Soap + "Body")?.Elements().FirstOrDefault()
            ?? throw new SimulatedError("ErrorInvalidRequest", "The request is invalid: the SOAP Body is empty.", true);
        if (request.Name.Namespace != M || !ImListOperations.Names.Contains(request.Name.LocalName))
        {
            throw new SimulatedError("ErrorSchemaValidation",
                $"The request failed schema validation: The element '{request.Name.LocalName}' in namespace '{request.Name.NamespaceName}' is not an IM-list operation.", true);
        }

        return (document, request.Name.LocalName);
    }

    /// <summary>The budget a request is charged to: its impersonated mailbox, else the signed-in account (BudgetCounter).</summary>
    private static string BudgetOf(XDocument? envelope, SimulatorAccount account)
    {
        var sid = envelope?.Root?.Element(Soap + "Header")?.Element(T + "ExchangeImpersonation")?.Element(T + "ConnectingSID")?.Elements().FirstOrDefault();
        return sid?.Value.Trim() is { Length: > 0 } impersonated ? impersonated : account.UserName;
    }

    /// <summary>Version, schema and impersonation checks; returns the operation element, and tells the exchange whose mailbox it is for.</summary>
    private XElement Check(XDocument envelope, string operation, SimulatedExchange exchange, out string? culture)
    {
        var account = exchange.Account!;
        var header = envelope.Root!.Element(Soap + "Header");
        var body = envelope.Root.Element(Soap + "Body")!.Elements().First();
        var version = (string?)header?.Element(T + "RequestServerVersion")?.Attribute("Version");
        var index = Array.IndexOf(AllVersions, version);
        if (version is not null && index < 0)
        {
            throw new SimulatedError("ErrorInvalidServerVersion", "The specified server version is invalid.", true);
        }

        if (index < Array.IndexOf(AllVersions, "Exchange2013"))
        {
            throw new SimulatedError("ErrorIncorrectSchemaVersion",
                "The request is valid but does not specify the correct server version in the RequestServerVersion SOAP header.  Ensure that the RequestServerVersion SOAP header is set with the correct RequestServerVersionValue.", true);
        }

        // Exchange validates against the schema only for Exchange2013; newer versions skip it.
        if (validator is not null && version == "Exchange2013")
        {
            foreach (var element in (header?.Elements() ?? Enumerable.Empty<XElement>()).Append(body))
            {
                if (validator.Validate(element, mustBeDeclared: element == body) is { } violation)
                {
                    throw new SimulatedError("ErrorSchemaValidation", "The request failed schema validation: " + violation, true,
                        new Dictionary<string, string> { ["Violation"] = violation });
                }
            }
        }

        culture = (string?)header?.Element(T + "MailboxCulture");
        var sid = header?.Element(T + "ExchangeImpersonation")?.Element(T + "ConnectingSID")?.Elements().FirstOrDefault();
        var impersonated = exchange.Impersonated = sid?.Value.Trim();
        if (impersonated is null && account.Mailbox.Length == 0)
        {
            // Exchange Online's answer to an app-only token without ExchangeImpersonation.
            throw new SimulatedError("ErrorInvalidExchangeImpersonationHeaderData", "ExchangeImpersonation SOAP header must be present for this type of OAuth token.", true);
        }

        if (impersonated is null)
        {
            exchange.Target = account.Mailbox;
            return body;
        }

        if (!account.CanImpersonate)
        {
            throw new SimulatedError("ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.", true);
        }

        exchange.Target = Store.Find(impersonated)?.SmtpAddress
            ?? throw new SimulatedError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.", true);
        return body;
    }
}
