using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// The organisation's own SIP domains (-InternalDomain), as Exchange writes accepted domains: contoso.com is that
    /// domain alone; *.contoso.com is contoso.com and every domain below it. Compared in any case.
    /// </summary>
    internal sealed class InternalDomains
    {
        private readonly HashSet<string> exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> parents = new List<string>();

        private InternalDomains()
        {
        }

        /// <summary>The domains given; ArgumentException naming -<paramref name="parameter"/> and the value for one that is no domain.</summary>
        public static InternalDomains Parse(IEnumerable<string> domains, string parameter)
        {
            var parsed = new InternalDomains();
            foreach (var given in domains)
            {
                var domain = (given ?? string.Empty).Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
                var wildcard = domain.StartsWith("*.", StringComparison.Ordinal);
                var name = wildcard ? domain.Substring(2) : domain;
                if (name.Length == 0 || !ImAddresses.IsHostName(name))
                {
                    throw new ArgumentException($"-{parameter} {InputText.Show(given ?? string.Empty)} is not a domain such as contoso.com or *.contoso.com (that domain and those below it).", parameter);
                }

                if (wildcard)
                {
                    parsed.parents.Add(name);
                }

                parsed.exact.Add(name);
            }

            return parsed;
        }

        /// <summary>Whether the IM address (sip: or not, URI parameters or not) is in one of the domains.</summary>
        public bool Holds(string imAddress)
        {
            var bare = ImAddresses.Bare(imAddress).Split(';')[0];
            var domain = bare.Substring(bare.LastIndexOf('@') + 1).ToLowerInvariant();
            return exact.Contains(domain) || parents.Any(p => domain.EndsWith("." + p, StringComparison.Ordinal));
        }
    }
}
