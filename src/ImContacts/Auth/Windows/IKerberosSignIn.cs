using ImContacts.Auth.Kerberos;

namespace ImContacts.Auth.Windows
{
    /// <summary>A sign-in that may use Kerberos (inside Negotiate): after a refusal, Kerberos can be asked why it gave no ticket.</summary>
    internal interface IKerberosSignIn
    {
        /// <summary>What Kerberos says about a ticket for HTTP/<paramref name="host"/>; null when it cannot be asked here.</summary>
        KerberosProbeResult? ProbeKerberos(string host);
    }
}
