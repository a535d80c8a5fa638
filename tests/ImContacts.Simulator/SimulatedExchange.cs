using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImContacts.Simulator;

/// <summary>One request as the simulator's handler works on it, stage by stage, and the record tests see of it.</summary>
internal sealed class SimulatedExchange
{
    private readonly ConcurrentQueue<RecordedRequest> requests;
    private readonly Action leave;

    private SimulatedExchange(HttpContext context, string body, ConcurrentQueue<RecordedRequest> requests, Action leave)
    {
        Context = context;
        Body = body;
        this.requests = requests;
        this.leave = leave;
        Authorization = context.Request.Headers.Authorization.ToString();
    }

    public HttpContext Context { get; }

    public string Body { get; }

    public string Authorization { get; }

    public SimulatorAccount? Account { get; set; }

    public string? Operation { get; set; }

    public string? Target { get; set; }

    public string? Impersonated { get; set; }

    public static async Task<SimulatedExchange> ReadAsync(HttpContext context, ConcurrentQueue<RecordedRequest> requests, Action leave)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        return new SimulatedExchange(context, body, requests, leave);
    }

    /// <summary>Keeps the request, answered with <paramref name="status"/> (0: none) and <paramref name="code"/>, for tests.</summary>
    public void Record(int status, string code)
    {
        var headers = Context.Request.Headers;
        requests.Enqueue(new RecordedRequest(
            Operation, Account?.UserName, Target, Impersonated, headers["X-AnchorMailbox"].FirstOrDefault(),
            headers["client-request-id"].FirstOrDefault(), headers["SOAPAction"].FirstOrDefault(), headers.ContentType.FirstOrDefault(),
            Authorization.Split(' ')[0] is { Length: > 0 } scheme ? scheme : null, Body, status, code));
    }

    /// <summary>The request's work is done: it leaves the in-flight count before its answer can reach the client.</summary>
    public void Leave() => leave();

    /// <summary>The connection closes without an answer; it leaves the in-flight count first, as the client sees the close at once.</summary>
    public void Drop(string code)
    {
        Record(0, code);
        leave();
        Context.Abort();
    }

    /// <summary>Answers with a SOAP body; the request is recorded first, so that a client that has its answer finds it in the record.</summary>
    public async Task AnswerAsync(int status, byte[] body, string code)
    {
        Record(status, code);
        leave();
        var response = Context.Response;
        response.StatusCode = status;
        response.ContentType = "text/xml; charset=utf-8";

        // With its length the answer goes out in one write, not chunked with a last chunk after the handler returns.
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
