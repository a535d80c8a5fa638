using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace ImContacts.Identity
{
    /// <summary>
    /// -PersistTokenCache: keeps delegated sign-ins across sessions in the OS's protected store (DPAPI on Windows,
    /// the Keychain on macOS, the Secret Service keyring on Linux). Where there is none, the cache stays in memory and
    /// the user is warned; tokens are never written unprotected.
    /// </summary>
    internal static class PersistentTokenCache
    {
        public const string FileName = "msal.cache";

        public static async Task AttachAsync(ITokenCache cache, OAuthSignIn signIn)
        {
            var directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ImContacts");
            try
            {
                var properties = new StorageCreationPropertiesBuilder(FileName, directory)
                    .WithLinuxKeyring(
                        "com.imcontacts.tokencache",
                        MsalCacheHelper.LinuxKeyRingDefaultCollection,
                        "ImContacts token cache",
                        new KeyValuePair<string, string>("Version", "1"),
                        new KeyValuePair<string, string>("ProductGroup", "ImContacts"))
                    .WithMacKeyChain("ImContacts.TokenCache", "ImContacts")
                    .Build();
                var helper = await MsalCacheHelper.CreateAsync(properties).ConfigureAwait(false);
                helper.VerifyPersistence();
                helper.RegisterCache(cache);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                signIn.Warn("-PersistTokenCache: this system offers no protected store for tokens (" + FirstLine(ex) + "). "
                    + "The sign-in is kept in memory for this session only; you will be asked to sign in again next time.");
            }
        }

        private static string FirstLine(Exception ex)
        {
            var inner = ex;
            while (inner.InnerException is not null && inner.Message.Length == 0)
            {
                inner = inner.InnerException;
            }

            return inner.GetType().Name + ": " + inner.Message.Split('\n')[0].Trim();
        }
    }
}
