using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth.OAuth
{
    /// <summary>One signed-in OAuth identity: hands out access tokens, renewing them before they expire.</summary>
    internal interface IAccessTokenSource
    {
        /// <summary>Who is signed in, for display: the user's name, or the application or identity id.</summary>
        string? Account { get; }

        /// <summary>Signs in: may prompt (browser, device code). Called once, by Connect-ImService.</summary>
        Task SignInAsync(CancellationToken cancellationToken);

        /// <summary>A valid access token without prompting; <paramref name="forceRefresh"/> skips the cached one.</summary>
        Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
    }
}
