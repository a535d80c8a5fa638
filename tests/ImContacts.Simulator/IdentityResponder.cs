using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImContacts.Simulator;

/// <summary>A token the responder issued: whom it stands for, for which scope, until when.</summary>
public sealed record IssuedToken(string Subject, bool AppOnly, string Scope, DateTimeOffset ExpiresAt, string GrantType);

/// <summary>One request that reached the identity responder, with the form's parameters (secrets blanked).</summary>
public sealed record IdentityRequest(string Method, string Host, string Path, string? GrantType, string? ClientId, string? Scope, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// A loopback stand-in for the Microsoft identity platform and the managed-identity endpoints, enough for MSAL's
/// flows: client credentials (secret or signed assertion), device code, authorization code with PKCE, refresh
/// tokens, IMDS and the App Service / Azure Automation identity endpoint. The EWS simulator accepts the access
/// tokens it issues while they are unexpired and for the Exchange Online resource.
/// </summary>
public sealed class IdentityResponder
{
    public const string TenantId = "8c6c3b40-1f7e-4b8e-9c1d-5d0b7a3c2e11";
    public const string Resource = "https://outlook.office365.com";
    public const string IdentityHeader = "sim-identity-header";

    private readonly ConcurrentDictionary<string, IssuedToken> accessTokens = new();
    private readonly ConcurrentDictionary<string, IssuedToken> refreshTokens = new();
    private readonly ConcurrentDictionary<string, (string ClientId, string Challenge, string Scope)> codes = new();
    private readonly ConcurrentDictionary<string, int> pendingPolls = new();
    private readonly ConcurrentDictionary<string, string> secrets = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> certificates = new();
    private readonly ConcurrentQueue<IdentityRequest> requests = new();
    private readonly ConcurrentQueue<string> issuedSecrets = new();
    private int counter;

    /// <summary>The user the delegated flows sign in as (device code approved, browser consented).</summary>
    public string DelegatedUser { get; set; } = SimulatorAccounts.Admin.UserName;

    /// <summary>How long issued access tokens live; under five minutes MSAL renews them on every request.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many device-code polls answer authorization_pending before the user "approves".</summary>
    public int DeviceCodePendingPolls { get; set; }

    /// <summary>Client ids of user-assigned managed identities that exist.</summary>
    public ISet<string> UserAssignedIdentities { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<IdentityRequest> Requests => requests.ToArray();

    public IReadOnlyCollection<IssuedToken> AccessTokens => accessTokens.Values.ToList();

    /// <summary>Every access and refresh token ever issued (revoked ones too), for tests that check nothing leaks.</summary>
    public IReadOnlyList<string> IssuedSecrets => issuedSecrets.ToArray();

    /// <summary>When false, EWS refuses every token (as for a wrong audience): the module's one renewal cannot help.</summary>
    public bool EwsAcceptsTokens { get; set; } = true;

    public void RegisterSecret(string clientId, string secret) => secrets[clientId] = secret;

    public void RegisterCertificate(string clientId, X509Certificate2 certificate) => certificates[clientId] = certificate;

    /// <summary>Every access token issued so far stops working (as after a password reset); refresh tokens still work.</summary>
    public void RevokeAccessTokens() => accessTokens.Clear();

    /// <summary>The token's grant, when it is one this responder issued, unexpired and for Exchange Online.</summary>
    public IssuedToken? Validate(string token) =>
        EwsAcceptsTokens && accessTokens.TryGetValue(token, out var issued) && issued.ExpiresAt > DateTimeOffset.UtcNow && issued.Scope.StartsWith(Resource + "/", StringComparison.Ordinal)
            ? issued
            : null;

    public void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/discovery/instance", (Delegate)Discovery);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (Delegate)OpenIdConfiguration);
        app.MapPost("/{tenant}/oauth2/v2.0/token", (Delegate)TokenAsync);
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", (Delegate)DeviceCodeAsync);
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (Delegate)Authorize);
        app.MapGet("/metadata/identity/oauth2/token", (Delegate)Imds);
        app.MapGet("/msi/token", (Delegate)AppServiceIdentity);
    }

    private IResult Discovery(HttpContext context, string tenant)
    {
        Record(context, null);
        return Results.Json(new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = "login.microsoftonline.com",
                ["preferred_cache"] = "login.windows.net",
                ["aliases"] = new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
            }),
        });
    }

    private IResult OpenIdConfiguration(HttpContext context, string tenant)
    {
        Record(context, null);
        var root = $"https://login.microsoftonline.com/{tenant}";
        return Results.Json(new JsonObject
        {
            ["issuer"] = $"https://login.microsoftonline.com/{TenantId}/v2.0",
            ["authorization_endpoint"] = root + "/oauth2/v2.0/authorize",
            ["token_endpoint"] = root + "/oauth2/v2.0/token",
            ["device_authorization_endpoint"] = root + "/oauth2/v2.0/devicecode",
        });
    }

    private async Task<IResult> DeviceCodeAsync(HttpContext context)
    {
        var form = await FormAsync(context);
        var deviceCode = "dc-" + Next();
        pendingPolls[deviceCode] = DeviceCodePendingPolls;
        codes[deviceCode] = (form.GetValueOrDefault("client_id", ""), "", form.GetValueOrDefault("scope", ""));
        return Results.Json(new JsonObject
        {
            ["user_code"] = "SIMCODE" + counter,
            ["device_code"] = deviceCode,
            ["verification_uri"] = "https://microsoft.com/devicelogin",
            ["expires_in"] = 900,
            ["interval"] = 1,
            ["message"] = $"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code SIMCODE{counter} to authenticate.",
        });
    }

    private IResult Authorize(HttpContext context)
    {
        Record(context, null);
        var query = context.Request.Query;
        var code = "ac-" + Next();
        codes[code] = (query["client_id"].ToString(), query["code_challenge"].ToString(), query["scope"].ToString());
        var redirect = $"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await FormAsync(context);
        var clientId = form.GetValueOrDefault("client_id", "");
        var scope = form.GetValueOrDefault("scope", "");
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "client_credentials":
                var refusal = CheckClient(form, clientId, $"https://login.microsoftonline.com/{context.Request.RouteValues["tenant"]}/oauth2/v2.0/token");
                return refusal is not null
                    ? Error(401, "invalid_client", refusal)
                    : Results.Json(Issue(clientId, true, scope.Split(' ')[0], "client_credentials", withRefresh: false));

            case "device_code":
            case "urn:ietf:params:oauth:grant-type:device_code":
                var deviceCode = form.GetValueOrDefault("device_code", "");
                if (!pendingPolls.TryGetValue(deviceCode, out var pending))
                {
                    return Error(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid.");
                }

                if (pending > 0)
                {
                    pendingPolls[deviceCode] = pending - 1;
                    return Error(400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                }

                pendingPolls.TryRemove(deviceCode, out _);
                return Results.Json(Issue(DelegatedUser, false, Delegated(codes[deviceCode].Scope), "device_code", withRefresh: true, clientId));

            case "authorization_code":
                if (!codes.TryRemove(form.GetValueOrDefault("code", ""), out var grant)
                    || grant.ClientId != clientId
                    || grant.Challenge != Challenge(form.GetValueOrDefault("code_verifier", "")))
                {
                    return Error(400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or is not valid.");
                }

                return Results.Json(Issue(DelegatedUser, false, Delegated(grant.Scope), "authorization_code", withRefresh: true, clientId));

            case "refresh_token":
                if (!refreshTokens.TryRemove(form.GetValueOrDefault("refresh_token", ""), out var previous))
                {
                    return Error(400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or is not valid.");
                }

                return Results.Json(Issue(previous.Subject, false, previous.Scope, "refresh_token", withRefresh: true, clientId));

            default:
                return Error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
    }

    private IResult Imds(HttpContext context)
    {
        Record(context, null);
        if (context.Request.Headers["Metadata"] != "true")
        {
            return Error(400, "invalid_request", "Required metadata header not specified");
        }

        return ManagedIdentityToken(context.Request.Query["resource"].ToString(), context.Request.Query["client_id"].ToString(), "imds");
    }

    private IResult AppServiceIdentity(HttpContext context)
    {
        Record(context, null);
        if (context.Request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
        {
            return Error(401, "unauthorized", "The identity header is missing or wrong.");
        }

        return ManagedIdentityToken(context.Request.Query["resource"].ToString(), context.Request.Query["client_id"].ToString(), "app_service");
    }

    private IResult ManagedIdentityToken(string resource, string clientId, string grant)
    {
        if (clientId.Length > 0 && !UserAssignedIdentities.Contains(clientId))
        {
            return Error(400, "invalid_request", $"Identity not found: no user-assigned identity with client id {clientId}.");
        }

        var subject = clientId.Length > 0 ? "mi:" + clientId : "mi:system";
        var token = "at-" + Next() + "-" + RandomNumberGenerator.GetHexString(16);
        var expires = DateTimeOffset.UtcNow + AccessTokenLifetime;
        accessTokens[token] = new IssuedToken(subject, true, resource.TrimEnd('/') + "/.default", expires, grant);
        issuedSecrets.Enqueue(token);
        return Results.Json(new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = expires.ToUnixTimeSeconds().ToString(),
            ["expires_in"] = ((int)AccessTokenLifetime.TotalSeconds).ToString(),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = clientId.Length > 0 ? clientId : "system-assigned",
        });
    }

    private JsonObject Issue(string subject, bool appOnly, string scope, string grant, bool withRefresh, string clientId = "")
    {
        var token = "at-" + Next() + "-" + RandomNumberGenerator.GetHexString(16);
        var issued = new IssuedToken(subject, appOnly, scope, DateTimeOffset.UtcNow + AccessTokenLifetime, grant);
        accessTokens[token] = issued;
        issuedSecrets.Enqueue(token);
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["access_token"] = token,
        };
        if (withRefresh)
        {
            var refresh = "rt-" + Next() + "-" + RandomNumberGenerator.GetHexString(16);
            refreshTokens[refresh] = issued;
            issuedSecrets.Enqueue(refresh);
            answer["refresh_token"] = refresh;
            answer["id_token"] = IdToken(subject, clientId);
            answer["client_info"] = Base64Url(Encoding.UTF8.GetBytes($"{{\"uid\":\"{UserObjectId(subject)}\",\"utid\":\"{TenantId}\"}}"));
        }

        return answer;
    }

    /// <summary>Checks the client's secret or signed assertion; returns why it is refused, or null.</summary>
    private string? CheckClient(IReadOnlyDictionary<string, string> form, string clientId, string audience)
    {
        if (form.TryGetValue("client_secret", out var secret))
        {
            return secrets.TryGetValue(clientId, out var expected) && expected == secret
                ? null
                : $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '{clientId}'.";
        }

        if (form.GetValueOrDefault("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            && form.TryGetValue("client_assertion", out var assertion))
        {
            return certificates.TryGetValue(clientId, out var certificate) && VerifyAssertion(assertion, certificate, clientId, audience)
                ? null
                : $"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application '{clientId}'.";
        }

        return "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
    }

    private static bool VerifyAssertion(string jwt, X509Certificate2 certificate, string clientId, string audience)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        using var rsa = certificate.GetRSAPublicKey()!;
        var padding = header["alg"]?.GetValue<string>() switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        return padding is not null
            && rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, padding)
            && claims["iss"]?.GetValue<string>() == clientId
            && claims["sub"]?.GetValue<string>() == clientId
            && string.Equals(claims["aud"]?.GetValue<string>(), audience, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(claims["exp"]?.ToString(), out var expires) && expires > DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    private static string Delegated(string requested) =>
        requested.Split(' ').FirstOrDefault(s => s.StartsWith("https://", StringComparison.Ordinal)) ?? requested;

    private static string IdToken(string user, string clientId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        var claims = new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = $"https://login.microsoftonline.com/{TenantId}/v2.0",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["name"] = user,
            ["oid"] = UserObjectId(user),
            ["preferred_username"] = user,
            ["sub"] = "sub-" + UserObjectId(user),
            ["tid"] = TenantId,
            ["ver"] = "2.0",
        };
        return header + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString())) + ".";
    }

    private static string UserObjectId(string user) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes(user.ToLowerInvariant()))).ToString();

    private static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var values = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        Record(context, values);
        return values;
    }

    private void Record(HttpContext context, IReadOnlyDictionary<string, string>? form)
    {
        var shown = (form ?? new Dictionary<string, string>()).ToDictionary(
            p => p.Key,
            p => p.Key is "client_secret" or "client_assertion" or "refresh_token" or "code" or "code_verifier" or "device_code" ? "(set)" : p.Value);
        requests.Enqueue(new IdentityRequest(context.Request.Method, context.Request.Host.Host, context.Request.Path + context.Request.QueryString,
            shown.GetValueOrDefault("grant_type"), shown.GetValueOrDefault("client_id"), shown.GetValueOrDefault("scope"), shown));
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("u"),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        }, statusCode: status);

    private string Next() => Interlocked.Increment(ref counter).ToString();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - padded.Length % 4) % 4), '='));
    }
}
