using System;
using System.Collections.Concurrent;

namespace ImContacts.Discovery
{
    /// <summary>EWS URLs found by Autodiscover, per email domain, for the life of the process (every Connect-ImService reuses them).</summary>
    internal sealed class AutodiscoverCache
    {
        public static readonly AutodiscoverCache Shared = new AutodiscoverCache();

        private readonly ConcurrentDictionary<string, Uri> urls = new ConcurrentDictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

        public bool TryGet(string domain, out Uri url) => urls.TryGetValue(domain, out url!);

        public void Set(string domain, Uri url) => urls[domain] = url;

        public void Clear() => urls.Clear();
    }
}
