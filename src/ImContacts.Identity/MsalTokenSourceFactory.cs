using System;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;

namespace ImContacts.Identity
{
    /// <summary>The entry point ImContacts.dll creates by reflection once this assembly is loaded.</summary>
    internal sealed class MsalTokenSourceFactory : IAccessTokenSourceFactory
    {
        public IAccessTokenSource Create(OAuthSignIn signIn) => signIn.Flow switch
        {
            OAuthFlow.Interactive or OAuthFlow.DeviceCode => new PublicClientTokenSource(signIn),
            OAuthFlow.ClientSecret or OAuthFlow.Certificate => new ConfidentialClientTokenSource(signIn),
            OAuthFlow.ManagedIdentity => new ManagedIdentityTokenSource(signIn),
            _ => throw new ArgumentOutOfRangeException(nameof(signIn), signIn.Flow, "Unknown sign-in flow."),
        };
    }
}
