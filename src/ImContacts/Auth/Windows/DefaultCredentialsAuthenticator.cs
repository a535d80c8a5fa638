using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth.Kerberos;

namespace ImContacts.Auth.Windows
{
    /// <summary>The signed-in Windows account (Kerberos/NTLM), as on a domain-joined admin workstation or server.</summary>
    internal sealed class DefaultCredentialsAuthenticator : IEwsAuthenticator, IKerberosSignIn
    {
        private static readonly IReadOnlyList<string> WindowsSchemes = new[] { "Negotiate", "NTLM" };

        public SignInMethod Method => SignInMethod.DefaultCredentials;

        public IReadOnlyList<string> Schemes(Uri endpoint) => WindowsSchemes;

        private string? account;

        /// <summary>
        /// The account whose Kerberos or NTLM credentials are used: on Windows the logon's (DOMAIN\user); elsewhere the
        /// principal of the ticket cache (kinit's), which the local login need not be, and the local login without a ticket.
        /// </summary>
        public string? Account => account ??= KerberosProbe.TicketOwner()
            ?? (string.IsNullOrEmpty(Environment.UserDomainName) ? Environment.UserName : Environment.UserDomainName + "\\" + Environment.UserName);

        public void ConfigureHandler(HttpClientHandler handler, Uri endpoint)
        {
            handler.UseDefaultCredentials = true;
            handler.PreAuthenticate = true;
        }

        public Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.CompletedTask;

        public bool RequiresMailbox => false;

        /// <summary>These credentials cannot be renewed: a 401 stands.</summary>
        public Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        /// <summary>Asks Kerberos about the logon's own ticket cache.</summary>
        public KerberosProbeResult? ProbeKerberos(string host) => KerberosProbe.Run(null, host);

        /// <summary>Nothing to let go of: the logon's credentials stay with the operating system.</summary>
        public void Dispose()
        {
        }
    }
}
