using System;

namespace ImContacts.Auth.Diagnosis
{
    /// <summary>
    /// Why the server refused a Negotiate or NTLM sign-in, as far as the client can tell: from what its last token was
    /// (nothing, a Kerberos ticket, an NTLM answer) and the server's clock. GSSAPI and SSPI keep their own reasons inside
    /// HttpClient, so the cause is read off the evidence rather than asked of them.
    /// </summary>
    internal static class SignInRefusal
    {
        /// <summary>Clocks further apart than this fail Kerberos (the default tolerance in Active Directory and MIT alike).</summary>
        public static readonly TimeSpan KerberosTolerance = TimeSpan.FromMinutes(5);

        /// <summary>The sentences that explain the refusal; null for schemes this does not explain.</summary>
        public static string? Explain(string? tried, SignInEvidence sent, string host, SignInMethod method, TimeSpan? serverClockOffset)
        {
            if (tried != "Negotiate" && tried != "NTLM")
            {
                return null;
            }

            var spn = "HTTP/" + host;
            switch (sent.Protocol)
            {
                case SignInProtocol.None:
                    return $" Nothing was sent: Kerberos got no ticket for {spn}"
                        + (method == SignInMethod.DefaultCredentials ? " (this logon has none, klist lists them; or no account has that service principal)" : string.Empty)
                        + ", and there were no NTLM credentials to answer with.";
                case SignInProtocol.Kerberos:
                    return $" Kerberos got a ticket for {sent.KerberosService ?? spn} and the server refused it. Either the clocks differ: the server's and the"
                        + $" domain controller's must be within {KerberosTolerance.TotalMinutes:0} minutes of each other{ClockNote(serverClockOffset)};"
                        + $" or {spn} belongs to another account than the one EWS runs as, so the server cannot read the ticket (setspn -Q {spn} names its owner).";
                case SignInProtocol.Ntlm:
                    var who = sent.NtlmAccount is null ? string.Empty : " as " + sent.NtlmAccount;
                    var refused = $"the server refused NTLM{who}: the user name or password is wrong, or the account is locked out or disabled.";
                    return tried == "Negotiate"
                        ? $" Kerberos got no ticket for {spn}, so Negotiate fell back to NTLM, and {refused}"
                          + $" (Kerberos fails so when the domain refuses the password or does not know the user, or when no account has the service principal {spn}.)"
                        : " " + char.ToUpperInvariant(refused[0]) + refused.Substring(1);
                default:
                    return $" Negotiate tried Kerberos (it needs the service principal {spn} and a clock within {KerberosTolerance.TotalMinutes:0} minutes of the domain's) and then NTLM (the password, as DOMAIN\\user or user@domain).";
            }
        }

        private static string ClockNote(TimeSpan? serverClockOffset)
        {
            if (serverClockOffset is not { } offset)
            {
                return string.Empty;
            }

            var minutes = Math.Abs(offset.TotalMinutes);
            if (minutes < 1)
            {
                return " (the server's clock agrees with this computer's: compare both with the domain controller's, for example with w32tm /stripchart /computer:<dc>)";
            }

            return $" (the server's clock is {minutes:0} minutes {(offset > TimeSpan.Zero ? "ahead of" : "behind")} this computer's)";
        }
    }
}
