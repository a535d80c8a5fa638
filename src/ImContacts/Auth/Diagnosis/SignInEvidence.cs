using System;

namespace ImContacts.Auth.Diagnosis
{
    /// <summary>
    /// What the last Authorization header of a request shows about how it signed in, read from the token's clear parts
    /// only: Kerberos (with the service ticket's principal), NTLM (with the account), Basic or Bearer. Nothing secret is
    /// kept: no token bytes, no password, no signature.
    /// </summary>
    internal sealed class SignInEvidence
    {
        public static readonly SignInEvidence None = new SignInEvidence(SignInProtocol.None, null, null);

        /// <summary>What the HTTP stack did not tell: Windows PowerShell 5.1's sends its tokens on a request of its own.</summary>
        public static readonly SignInEvidence Unknown = new SignInEvidence(SignInProtocol.Other, null, null);

        /// <summary>
        /// Whether a request's Authorization header shows what the handler sent. .NET's own handler writes its answers to
        /// challenges onto the request; .NET Framework's (HttpWebRequest underneath) keeps them on its own request object.
        /// </summary>
        public static readonly bool Observable =
            !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        // Every request of a token or Basic sign-in carries its header: these need no object each.
        private static readonly SignInEvidence Basic = new SignInEvidence(SignInProtocol.Basic, null, null);
        private static readonly SignInEvidence Bearer = new SignInEvidence(SignInProtocol.Bearer, null, null);
        private static readonly SignInEvidence Other = new SignInEvidence(SignInProtocol.Other, null, null);

        public SignInEvidence(SignInProtocol protocol, string? kerberosService, string? ntlmAccount)
        {
            Protocol = protocol;
            KerberosService = kerberosService;
            NtlmAccount = ntlmAccount;
        }

        public SignInProtocol Protocol { get; }

        /// <summary>The principal the Kerberos ticket is for, HTTP/host@REALM, when the token carried one.</summary>
        public string? KerberosService { get; }

        /// <summary>The account an NTLM answer named, DOMAIN\user, when the token was the last NTLM message.</summary>
        public string? NtlmAccount { get; }

        /// <summary>True for NTLM inside Negotiate: the client could not use Kerberos.</summary>
        public bool FellBackToNtlm { get; private set; }

        /// <summary>A sign-in the server may be said to have accepted: Kerberos, NTLM, Basic or Bearer.</summary>
        public bool IsKnown => Protocol is SignInProtocol.Kerberos or SignInProtocol.Ntlm or SignInProtocol.Basic or SignInProtocol.Bearer;

        /// <summary>Reads an Authorization header value's scheme and parameter; an unreadable token is "Negotiate, unknown kind".</summary>
        public static SignInEvidence FromAuthorization(string? scheme, string? parameter)
        {
            if (string.IsNullOrEmpty(scheme))
            {
                return None;
            }

            if (scheme!.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                return Basic;
            }

            if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return Bearer;
            }

            if (!scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("NTLM", StringComparison.OrdinalIgnoreCase))
            {
                return Other;
            }

            byte[] token;
            try
            {
                token = Convert.FromBase64String(parameter ?? string.Empty);
            }
            catch (FormatException)
            {
                return Other;
            }

            var read = NegotiateTokenReader.Read(token);
            return new SignInEvidence(read.Protocol, read.KerberosService, read.NtlmAccount)
            {
                FellBackToNtlm = read.Protocol == SignInProtocol.Ntlm && scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase),
            };
        }

        /// <summary>For display: "Kerberos (ticket for HTTP/mail.contoso.com@CONTOSO.COM)", "NTLM as CONTOSO\admin".</summary>
        public override string ToString() => Protocol switch
        {
            SignInProtocol.Kerberos when KerberosService is not null => $"Kerberos (ticket for {KerberosService})",
            SignInProtocol.Ntlm when NtlmAccount is not null => $"NTLM as {NtlmAccount}",
            SignInProtocol.Ntlm => "NTLM",
            _ => Protocol.ToString(),
        };
    }

    /// <summary>How a request signed in, as its token shows.</summary>
    internal enum SignInProtocol
    {
        /// <summary>No Authorization header: the client had nothing to answer the challenge with.</summary>
        None,
        Kerberos,
        Ntlm,
        Basic,
        Bearer,

        /// <summary>A scheme or token the module does not read.</summary>
        Other,
    }
}
