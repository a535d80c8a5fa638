using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using Microsoft.Identity.Client;

namespace ImContacts.Identity
{
    /// <summary>Runs an MSAL call and turns its failures into SignInException with a short, secret-free message.</summary>
    internal static class MsalErrors
    {
        public static async Task<T> Run<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (MsalUiRequiredException ex)
            {
                throw new SignInException(
                    $"{what}: the sign-in can no longer be renewed without you ({ex.ErrorCode}: {FirstLine(ex.Message)}). Run Connect-ImService again.",
                    ex.ErrorCode);
            }
            catch (MsalServiceException ex)
            {
                var transient = ex.StatusCode is 429 or >= 500;
                throw new SignInException($"{what}: the identity platform refused ({ex.ErrorCode}: {FirstLine(ex.Message)}).", ex.ErrorCode, transient);
            }
            catch (MsalClientException ex)
            {
                throw new SignInException($"{what}: {ex.ErrorCode}: {FirstLine(ex.Message)}", ex.ErrorCode);
            }
            catch (MsalException ex)
            {
                throw new SignInException($"{what}: {ex.ErrorCode}: {FirstLine(ex.Message)}", ex.ErrorCode);
            }
            catch (HttpRequestException ex)
            {
                throw new SignInException($"{what}: the identity platform could not be reached ({FirstLine(ex.Message)}).", "SignInUnreachable", true);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SignInException($"{what}: the identity platform did not answer in time.", "SignInTimeout", true);
            }
        }

        /// <summary>Runs a token acquisition and returns just the access token.</summary>
        public static async Task<string> AccessTokenAsync(string what, Func<Task<AuthenticationResult>> call, CancellationToken cancellationToken) =>
            (await Run(what, call, cancellationToken).ConfigureAwait(false)).AccessToken;

        /// <summary>MSAL messages can run to paragraphs of troubleshooting links; the first line says what happened.</summary>
        private static string FirstLine(string message)
        {
            var line = message.Split('\n')[0].Trim();
            return line.Length > 400 ? line.Substring(0, 400) + "…" : line;
        }
    }
}
