namespace ImContacts.Auth.OAuth
{
    /// <summary>Implemented in ImContacts.Identity (MSAL), which is loaded on first use into its own load context.</summary>
    internal interface IAccessTokenSourceFactory
    {
        /// <summary>Builds the token source for <paramref name="signIn"/>; throws SignInException for unusable settings.</summary>
        IAccessTokenSource Create(OAuthSignIn signIn);
    }
}
