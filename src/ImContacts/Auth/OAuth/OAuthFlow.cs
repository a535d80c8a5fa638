namespace ImContacts.Auth.OAuth
{
    /// <summary>The Microsoft Entra sign-in flows; each is one parameter set of Connect-ImService.</summary>
    internal enum OAuthFlow
    {
        /// <summary>Delegated: the system browser, as the signed-in user.</summary>
        Interactive,

        /// <summary>Delegated: a code typed in on another device, for consoles without a browser.</summary>
        DeviceCode,

        /// <summary>App-only with a client secret.</summary>
        ClientSecret,

        /// <summary>App-only with a certificate's private key.</summary>
        Certificate,

        /// <summary>The managed identity of an Azure Automation account or Azure VM.</summary>
        ManagedIdentity,
    }
}
