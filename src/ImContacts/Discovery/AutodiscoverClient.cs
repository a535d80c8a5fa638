using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.Serialization.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;

namespace ImContacts.Discovery
{
    /// <summary>
    /// Finds a mailbox's EWS URL: Autodiscover v2 (anonymous JSON) first, then the POX endpoints (autodiscover.xml, signed
    /// in), then the plain-http redirect that hosted domains use. Redirects that leave the mailbox's domain are refused
    /// unless allowed, because the next hop would receive the credentials. Results are cached per domain.
    /// </summary>
    internal sealed class AutodiscoverClient
    {
        private const int MaxHops = 10;
        private const int MaxAnswerBytes = 1024 * 1024;

        private readonly AutodiscoverHttp http;
        private readonly bool allowRedirect;
        private readonly TimeSpan timeout;
        private readonly AutodiscoverCache cache;
        private readonly Action<string> explain;

        public AutodiscoverClient(AutodiscoverHttp http, bool allowRedirect, TimeSpan timeout, AutodiscoverCache cache, Action<string> explain)
        {
            this.http = http;
            this.allowRedirect = allowRedirect;
            this.timeout = timeout;
            this.cache = cache;
            this.explain = explain;
        }

        public async Task<Uri> DiscoverAsync(string emailAddress, CancellationToken cancellationToken)
        {
            var domain = DomainOf(emailAddress);
            if (cache.TryGet(domain, out var cached))
            {
                explain($"Autodiscover: {domain} → {cached} (cached).");
                return cached;
            }

            var search = new Search(domain);
            var url = await FindAsync(search, emailAddress, cancellationToken).ConfigureAwait(false)
                ?? throw new AutodiscoverException(emailAddress, search.Attempts, search.RedirectRefused);
            cache.Set(domain, url);
            return url;
        }

        private async Task<Uri?> FindAsync(Search search, string emailAddress, CancellationToken cancellationToken)
        {
            var domain = DomainOf(emailAddress);
            var v2 = new Uri($"https://autodiscover.{domain}/autodiscover/autodiscover.json/v1.0/{Uri.EscapeDataString(emailAddress)}?Protocol=EWS");
            var found = await TryJsonAsync(search, v2, cancellationToken).ConfigureAwait(false);
            foreach (var pox in new[] { new Uri($"https://{domain}/autodiscover/autodiscover.xml"), new Uri($"https://autodiscover.{domain}/autodiscover/autodiscover.xml") })
            {
                found ??= await TryPoxAsync(search, pox, emailAddress, cancellationToken).ConfigureAwait(false);
            }

            if (found is null)
            {
                // Hosted domains answer on plain http with a redirect to their https Autodiscover service; nothing secret is sent.
                var redirect = await FollowAsync(search, HttpMethod.Get, new Uri($"http://autodiscover.{domain}/autodiscover/autodiscover.xml"), null, false, cancellationToken)
                    .ConfigureAwait(false);
                if (redirect.Location is { } location)
                {
                    found = await TryPoxAsync(search, location, emailAddress, cancellationToken).ConfigureAwait(false);
                }
            }

            return found;
        }

        private async Task<Uri?> TryJsonAsync(Search search, Uri url, CancellationToken cancellationToken)
        {
            var answer = await FollowAsync(search, HttpMethod.Get, url, null, false, cancellationToken).ConfigureAwait(false);
            if (answer.Body is null)
            {
                return null;
            }

            try
            {
                using var reader = JsonReaderWriterFactory.CreateJsonReader(answer.Body, new XmlDictionaryReaderQuotas());
                var root = XElement.Load(reader);
                var protocol = root.Element("Protocol")?.Value;
                if (string.Equals(protocol, "EWS", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(root.Element("Url")?.Value, UriKind.Absolute, out var ews))
                {
                    return Accept(answer.Url, ews);
                }

                search.Attempts.Add($"{answer.Url}: {root.Element("ErrorCode")?.Value ?? "no EWS URL"} {root.Element("ErrorMessage")?.Value}".TrimEnd());
            }
            catch (XmlException)
            {
                search.Attempts.Add($"{answer.Url}: the answer is not JSON");
            }

            return null;
        }

        private async Task<Uri?> TryPoxAsync(Search search, Uri url, string emailAddress, CancellationToken cancellationToken)
        {
            for (var hop = 0; hop < MaxHops; hop++)
            {
                var answer = await FollowAsync(search, HttpMethod.Post, url, PoxAutodiscover.Request(emailAddress), true, cancellationToken).ConfigureAwait(false);
                if (answer.Body is null)
                {
                    return null;
                }

                var pox = PoxAutodiscover.Read(answer.Body);
                if (pox.EwsUrl is not null)
                {
                    return Accept(answer.Url, pox.EwsUrl);
                }

                if (pox.RedirectUrl is not null)
                {
                    if (!MayGo(search, answer.Url, pox.RedirectUrl))
                    {
                        return null;
                    }

                    url = pox.RedirectUrl;
                    continue;
                }

                if (pox.RedirectAddress is not null)
                {
                    var next = pox.RedirectAddress;
                    if (!allowRedirect && !InDomain(DomainOf(next), search.Domain))
                    {
                        search.Refuse($"{answer.Url}: redirects to the address {next} in another domain");
                        return null;
                    }

                    explain($"Autodiscover: {answer.Url} redirects to the address {next}.");
                    if (search.Hops++ >= MaxHops)
                    {
                        search.Attempts.Add("too many redirects");
                        return null;
                    }

                    return await FindAsync(search, next, cancellationToken).ConfigureAwait(false);
                }

                search.Attempts.Add($"{answer.Url}: {pox.Error}");
                return null;
            }

            search.Attempts.Add("too many redirects");
            return null;
        }

        /// <summary>Sends one request and follows https redirects that stay in the domain; returns the final body, or the https target of the plain-http probe.</summary>
        private async Task<Answer> FollowAsync(Search search, HttpMethod method, Uri url, byte[]? body, bool signIn, CancellationToken cancellationToken)
        {
            for (var hop = 0; hop < MaxHops; hop++)
            {
                if (url.Scheme != Uri.UriSchemeHttps && body is not null)
                {
                    search.Attempts.Add($"{url}: not https, so nothing was sent");
                    return default;
                }

                (int Status, Uri? Location, byte[]? Content) reply;
                try
                {
                    reply = await SendAsync(method, url, body, signIn, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    search.Attempts.Add($"{url}: no answer within {timeout.TotalSeconds:0} s");
                    return default;
                }
                catch (HttpRequestException ex)
                {
                    search.Attempts.Add($"{url}: {ex.GetBaseException().Message}");
                    return default;
                }

                if (reply.Status is 301 or 302 or 303 or 307 or 308 && reply.Location is { } location)
                {
                    var target = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (target.Scheme != Uri.UriSchemeHttps)
                    {
                        search.Attempts.Add($"{url}: redirects to {target}, which is not https");
                        return default;
                    }

                    if (!MayGo(search, url, target))
                    {
                        return default;
                    }

                    // Only the anonymous plain-http probe gets here over http: its https target is where POX goes next.
                    if (url.Scheme == Uri.UriSchemeHttp)
                    {
                        return new Answer(url, null, target);
                    }

                    url = target;
                    continue;
                }

                if (reply.Status != 200)
                {
                    search.Attempts.Add($"{url}: HTTP {reply.Status}");
                    return default;
                }

                if (reply.Content is null)
                {
                    search.Attempts.Add($"{url}: the answer is larger than {MaxAnswerBytes} bytes");
                    return default;
                }

                return new Answer(url, reply.Content, null);
            }

            search.Attempts.Add($"{url}: too many redirects");
            return default;
        }

        /// <summary>One request: its status, redirect target, and the body of a 200 (null when over the size limit).</summary>
        private async Task<(int Status, Uri? Location, byte[]? Content)> SendAsync(HttpMethod method, Uri url, byte[]? body, bool signIn, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(body is null ? "application/json" : "text/xml"));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            using var response = await http.SendAsync(request, signIn, limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var content = status == 200 ? await ReadLimitedAsync(response).ConfigureAwait(false) : null;
            return (status, response.Headers.Location, content);
        }

        private bool MayGo(Search search, Uri from, Uri to)
        {
            if (allowRedirect || InDomain(to.Host, search.Domain))
            {
                explain($"Autodiscover: {from} redirects to {to}.");
                return true;
            }

            search.Refuse($"{from}: redirects to {to.Host}, outside {search.Domain}");
            return false;
        }

        private Uri Accept(Uri from, Uri ews)
        {
            explain($"Autodiscover: {from} gives the EWS URL {ews}.");
            return ews;
        }

        private static async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var copy = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + read > MaxAnswerBytes)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }

        internal static string DomainOf(string emailAddress)
        {
            var at = emailAddress.LastIndexOf('@');
            return at > 0 && at < emailAddress.Length - 1
                ? emailAddress.Substring(at + 1).Trim().ToLowerInvariant()
                : throw new ArgumentException($"-Mailbox '{emailAddress}' is not an SMTP address such as ana@contoso.com, so it names no domain to discover.", "Mailbox");
        }

        /// <summary>Whether a host or domain is the domain or below it (autodiscover.contoso.com and eu.contoso.com are in contoso.com).</summary>
        internal static bool InDomain(string host, string domain) =>
            string.Equals(host, domain, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

        private readonly struct Answer
        {
            public Answer(Uri url, byte[]? body, Uri? location)
            {
                Url = url;
                Body = body;
                Location = location;
            }

            public Uri Url { get; }

            public byte[]? Body { get; }

            /// <summary>The https target of a plain-http redirect.</summary>
            public Uri? Location { get; }
        }

        private sealed class Search
        {
            public Search(string domain)
            {
                Domain = domain;
            }

            public string Domain { get; }

            public List<string> Attempts { get; } = new List<string>();

            public bool RedirectRefused { get; private set; }

            public int Hops { get; set; }

            public void Refuse(string attempt)
            {
                Attempts.Add(attempt);
                RedirectRefused = true;
            }
        }
    }
}
