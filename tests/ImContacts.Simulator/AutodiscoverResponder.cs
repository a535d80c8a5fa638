using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImContacts.Simulator;

/// <summary>One request the Autodiscover responder saw, by the host it was meant for.</summary>
public sealed record AutodiscoverRequest(string Method, string Host, string Path, bool HasAuthorization, string? SignedInAs = null);

/// <summary>
/// Autodiscover endpoints of many domains on one loopback port: requests arrive with their intended host in the Host
/// header (a test handler rewrites the address), and each host answers as configured: v2 JSON, POX settings, POX
/// redirects, or HTTP redirects. Unconfigured hosts answer 404. With a certificate it speaks https (for a proxy's
/// CONNECT tunnels); with Negotiate, POX signs in with Negotiate and NTLM as IIS does, instead of taking any token.
/// </summary>
public sealed class AutodiscoverResponder : IAsyncDisposable
{
    private static readonly XNamespace PoxResponse = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    private static readonly XNamespace PoxRoot = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<AutodiscoverRequest> requests = new();

    private const string PrincipalKey = "ImContacts.AutodiscoverPrincipal";
    private readonly bool negotiate;

    private AutodiscoverResponder(WebApplication app, bool negotiate)
    {
        this.app = app;
        this.negotiate = negotiate;
    }

    public int Port { get; private set; }

    public IReadOnlyList<AutodiscoverRequest> Requests => requests.ToArray();

    public static async Task<AutodiscoverResponder> StartAsync(X509Certificate2? certificate = null, bool negotiate = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var responder = new AutodiscoverResponder(app, negotiate);
        app.Run(responder.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        responder.Port = new Uri(address).Port;
        return responder;
    }

    /// <summary>The host answers Autodiscover v2 (GET autodiscover.json) with this EWS URL.</summary>
    public void AnswerJson(string host, string ewsUrl) => hosts[host] = context => context.Request.Method == "GET" && context.Request.Path.StartsWithSegments("/autodiscover/autodiscover.json")
        ? Write(context, 200, "application/json", JsonSerializer.Serialize(new { Protocol = "EWS", Url = ewsUrl }))
        : Write(context, 404, "text/plain", "not here");

    /// <summary>The host answers POX (POST autodiscover.xml) with settings carrying this EWS URL, if signed in.</summary>
    public void AnswerPox(string host, string ewsUrl) => hosts[host] = context => Pox(context,
        new XElement(PoxResponse + "AccountType", "email"), new XElement(PoxResponse + "Action", "settings"),
        new XElement(PoxResponse + "Protocol", new XElement(PoxResponse + "Type", "EXPR"), new XElement(PoxResponse + "EwsUrl", ewsUrl)));

    public void RedirectPoxToAddress(string host, string address) => hosts[host] = context => Pox(context,
        new XElement(PoxResponse + "Action", "redirectAddr"), new XElement(PoxResponse + "RedirectAddr", address));

    public void RedirectPoxToUrl(string host, string url) => hosts[host] = context => Pox(context,
        new XElement(PoxResponse + "Action", "redirectUrl"), new XElement(PoxResponse + "RedirectUrl", url));

    /// <summary>Every request to the host gets a 302 to this URL.</summary>
    public void RedirectHttp(string host, string location) => hosts[host] = context =>
    {
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        var hasAuthorization = context.Request.Headers.Authorization.Count > 0;
        try
        {
            await (hosts.TryGetValue(host, out var answer) ? answer(context) : Write(context, 404, "text/plain", "no such host")).ConfigureAwait(false);
        }
        finally
        {
            requests.Enqueue(new AutodiscoverRequest(context.Request.Method, host, context.Request.Path + context.Request.QueryString, hasAuthorization,
                context.Items.TryGetValue(PrincipalKey, out var principal) ? principal as string : null));
        }
    }

    private Task Pox(HttpContext context, params XElement[] account)
    {
        if (context.Request.Method != "POST" || !context.Request.Path.StartsWithSegments("/autodiscover/autodiscover.xml"))
        {
            return Write(context, 404, "text/plain", "not here");
        }

        if (negotiate)
        {
            // As IIS: a handshake's next leg, or both schemes again; a proved identity stays with the connection.
            var authorization = context.Request.Headers.Authorization.ToString();
            string? continuation = null, mutual = null;
            var principal = authorization.Length == 0
                ? NegotiateSignIn.ConnectionIdentity(context)
                : NegotiateSignIn.Step(context, authorization, out continuation, out mutual, out _);
            if (principal is null)
            {
                if (continuation is not null && continuation.Contains(' '))
                {
                    context.Response.Headers.Append("WWW-Authenticate", continuation);
                }
                else
                {
                    context.Response.Headers.Append("WWW-Authenticate", "Negotiate");
                    context.Response.Headers.Append("WWW-Authenticate", "NTLM");
                }

                return Write(context, 401, "text/plain", "sign in");
            }

            if (mutual is not null)
            {
                context.Response.Headers.Append("WWW-Authenticate", mutual);
            }

            context.Items[PrincipalKey] = principal;
        }
        else if (context.Request.Headers.Authorization.Count == 0)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Write(context, 401, "text/plain", "sign in");
        }

        var document = new XElement(PoxRoot + "Autodiscover", new XElement(PoxResponse + "Response", new XElement(PoxResponse + "Account", account)));
        return Write(context, 200, "text/xml; charset=utf-8", document.ToString(SaveOptions.DisableFormatting));
    }

    private static Task Write(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8);
    }
}
