using System;

namespace ImContacts.Model
{
    /// <summary>
    /// Whose list a request works on, decided once when its input is bound and carried unchanged to the request: the
    /// connected account's own mailbox (never impersonated), or a normalised SMTP address to impersonate. Results and
    /// errors show <see cref="Name"/>.
    /// </summary>
    internal sealed class MailboxTarget : IEquatable<MailboxTarget>
    {
        /// <summary>The connected account's own mailbox when its name is not known.</summary>
        public const string UnnamedOwnLabel = "(own mailbox)";

        private MailboxTarget(string? name, bool isOwn)
        {
            Name = name;
            IsOwn = isOwn;

            // Made once: every claim, cache lookup and row key of a run asks for it.
            Key = isOwn ? string.Empty : name!.ToLowerInvariant();
        }

        /// <summary>The connected account's own mailbox, its name not known.</summary>
        public static MailboxTarget OwnUnnamed { get; } = new MailboxTarget(null, true);

        /// <summary>True for the connected account's own mailbox: no impersonation header is sent.</summary>
        public bool IsOwn { get; }

        /// <summary>What results and errors call it: the own mailbox's name as the account signed in, or the address.</summary>
        public string? Name { get; }

        /// <summary>The address the request impersonates; null for the own mailbox.</summary>
        public string? ImpersonatedAddress => IsOwn ? null : Name;

        /// <summary>The same text for the same mailbox however it was written: for keys (claims, caches); empty for the own mailbox.</summary>
        public string Key { get; }

        /// <summary>How messages name it: "for ana@contoso.com", or "(own mailbox)" when its name is not known.</summary>
        public string Label => Name is null || (IsOwn && Name == UnnamedOwnLabel) ? UnnamedOwnLabel : "for " + Name;

        /// <summary>The connected account's own mailbox, called <paramref name="name"/> (e.g. CONTOSO\admin, no address needed).</summary>
        public static MailboxTarget Own(string? name) => name is null ? OwnUnnamed : new MailboxTarget(name, true);

        /// <summary>A mailbox to impersonate; <paramref name="address"/> is already checked (MailboxAddress.Normalize).</summary>
        public static MailboxTarget Impersonated(string address) =>
            string.IsNullOrWhiteSpace(address)
                ? throw new ArgumentException("An impersonated mailbox needs its SMTP address.", nameof(address))
                : new MailboxTarget(address, false);

        // One connection has one own mailbox, however it was named; addresses compare as Exchange does, in any case.
        public bool Equals(MailboxTarget? other) =>
            other is not null && IsOwn == other.IsOwn && (IsOwn || string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase));

        public override bool Equals(object? obj) => Equals(obj as MailboxTarget);

        public override int GetHashCode() => IsOwn ? 1 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name!);

        public override string ToString() => Name ?? UnnamedOwnLabel;
    }
}
