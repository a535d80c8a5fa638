using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth.Kerberos;

namespace ImContacts.Auth.Windows
{
    /// <summary>
    /// On-premises sign-in with an explicit user name and password: Negotiate (Kerberos, then NTLM) and NTLM as the
    /// server offers them; Basic only where the password cannot cross the network in clear (TLS or loopback).
    /// </summary>
    internal sealed class WindowsCredentialAuthenticator : IEwsAuthenticator, IKerberosSignIn
    {
        private readonly NetworkCredential credential;

        // The same credential as Kerberos takes it (the realm in capitals); the very object when that changes nothing.
        private readonly NetworkCredential kerberos;
        private volatile bool disposed;

        /// <summary>Keeps a copy of <paramref name="credential"/>: the caller's (PSCredential caches its NetworkCredential) stays as it is.</summary>
        public WindowsCredentialAuthenticator(NetworkCredential credential)
        {
            if (credential is null)
            {
                throw new ArgumentNullException(nameof(credential));
            }

            using (var password = credential.SecurePassword)
            {
                this.credential = new NetworkCredential(credential.UserName, password, credential.Domain);
            }

            kerberos = KerberosForm(this.credential);

            Account = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
        }

        public SignInMethod Method => SignInMethod.Credential;

        /// <summary>Basic only where it may be sent (EndpointPolicy.AllowsBasic).</summary>
        public IReadOnlyList<string> Schemes(Uri endpoint) =>
            EndpointPolicy.AllowsBasic(endpoint) ? new[] { "Negotiate", "NTLM", "Basic" } : new[] { "Negotiate", "NTLM" };

        /// <summary>The user name as given (DOMAIN\user or a UPN), never the password.</summary>
        public string? Account { get; }

        public void ConfigureHandler(HttpClientHandler handler, Uri endpoint)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(WindowsCredentialAuthenticator), "The connection that held this credential was closed.");
            }

            var prefix = new Uri(endpoint.GetLeftPart(UriPartial.Authority));
            var cache = new CredentialCache
            {
                { prefix, "Negotiate", kerberos },
                { prefix, "NTLM", credential },
            };
            if (EndpointPolicy.AllowsBasic(endpoint))
            {
                cache.Add(prefix, "Basic", credential);
            }

            handler.Credentials = cache;
            handler.PreAuthenticate = true;
        }

        public Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>
        /// The credential as Kerberos needs it: user@realm with the realm in capitals. Windows takes admin@contoso.com in any
        /// case; MIT Kerberos, which .NET uses on Linux and macOS, compares realms case-sensitively and fails otherwise.
        /// DOMAIN\user and bare names are left as given (Negotiate falls back to NTLM for them where Kerberos cannot).
        /// </summary>
        internal static NetworkCredential KerberosForm(NetworkCredential credential)
        {
            var at = credential.UserName.LastIndexOf('@');
            if (!string.IsNullOrEmpty(credential.Domain) || at <= 0 || at == credential.UserName.Length - 1)
            {
                return credential;
            }

            var realm = credential.UserName.Substring(at + 1);
            var upper = realm.ToUpperInvariant();
            if (realm == upper)
            {
                return credential;
            }

            using var password = credential.SecurePassword;
            return new NetworkCredential(credential.UserName.Substring(0, at + 1) + upper, password);
        }

        public bool RequiresMailbox => false;

        /// <summary>These credentials cannot be renewed: a 401 stands.</summary>
        public Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public KerberosProbeResult? ProbeKerberos(string host) => disposed ? null : KerberosProbe.Run(kerberos, host);

        /// <summary>
        /// Clears the password from this connection's copies of the credential, which its handlers share. .NET keeps a
        /// NetworkCredential's password as a string, which this drops; the caller's credential is untouched.
        /// </summary>
        public void Dispose()
        {
            disposed = true;
            credential.Password = string.Empty;
            kerberos.Password = string.Empty;
        }
    }
}
