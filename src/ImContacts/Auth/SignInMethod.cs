namespace ImContacts.Auth
{
    /// <summary>How a connection signs in: one per Connect-ImService parameter set. Its name is what ImServiceConnection.AuthenticationMethod shows.</summary>
    internal enum SignInMethod
    {
        /// <summary>A user name and password: Negotiate (Kerberos, then NTLM), or Basic over TLS or loopback.</summary>
        Credential,

        /// <summary>The logon's own Kerberos or NTLM credentials.</summary>
        DefaultCredentials,

        /// <summary>A bearer token given as is.</summary>
        AccessToken,

        /// <summary>Entra ID, delegated: the system browser.</summary>
        Interactive,

        /// <summary>Entra ID, delegated: a device code.</summary>
        DeviceCode,

        /// <summary>Entra ID, app-only with a client secret.</summary>
        ClientSecret,

        /// <summary>Entra ID, app-only with a certificate.</summary>
        Certificate,

        /// <summary>Entra ID, app-only as an Azure managed identity.</summary>
        ManagedIdentity,
    }
}
