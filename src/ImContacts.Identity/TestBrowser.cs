using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client.Extensibility;

namespace ImContacts.Identity
{
    /// <summary>Stands in for the system browser when a test supplies the authorization step.</summary>
    internal sealed class TestBrowser : ICustomWebUi
    {
        private readonly Func<Uri, Uri, CancellationToken, Task<Uri>> browse;

        public TestBrowser(Func<Uri, Uri, CancellationToken, Task<Uri>> browse)
        {
            this.browse = browse;
        }

        public Task<Uri> AcquireAuthorizationCodeAsync(Uri authorizationUri, Uri redirectUri, CancellationToken cancellationToken) =>
            browse(authorizationUri, redirectUri, cancellationToken);
    }
}
