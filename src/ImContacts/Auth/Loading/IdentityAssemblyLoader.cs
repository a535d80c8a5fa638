using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using ImContacts.Auth.OAuth;

namespace ImContacts.Auth.Loading
{
    /// <summary>
    /// Loads ImContacts.Identity and MSAL from the module's dependencies folder the first time a sign-in flow needs
    /// them, so Import-Module loads one small assembly. On PowerShell 7 they go into a private load context, where
    /// another module's Microsoft.Identity.Client (older or newer, loaded before or after) cannot meet ours; on
    /// Windows PowerShell 5.1, which has no load contexts, they are loaded from the folder by path.
    /// </summary>
    internal static class IdentityAssemblyLoader
    {
        public const string DependencyFolder = "dependencies";

        /// <summary>The assemblies that must be ours, never another module's: loaded into the private context up front.</summary>
        internal static readonly string[] Isolated =
        {
            "Microsoft.IdentityModel.Abstractions",
            "Microsoft.Identity.Client",
            "Microsoft.Identity.Client.Extensions.Msal",
            "ImContacts.Identity",
        };

        private const string FactoryType = "ImContacts.Identity.MsalTokenSourceFactory";

        private static readonly Lazy<IAccessTokenSourceFactory> Factory =
            new Lazy<IAccessTokenSourceFactory>(Load, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The folder MSAL and its dependencies ship in, beside ImContacts.dll.</summary>
        public static string DependencyDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(IdentityAssemblyLoader).Assembly.Location) ?? ".", DependencyFolder);

        public static IAccessTokenSourceFactory GetFactory()
        {
            try
            {
                return Factory.Value;
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
            {
                throw new SignInException(
                    $"The sign-in components could not be loaded from '{DependencyDirectory}' ({ex.Message}). Reinstall the module.",
                    "SignInComponentsMissing");
            }
        }

        private static IAccessTokenSourceFactory Load()
        {
            var directory = DependencyDirectory;
            var identityPath = Path.Combine(directory, "ImContacts.Identity.dll");
            if (!File.Exists(identityPath))
            {
                throw new FileNotFoundException($"'{identityPath}' is missing", identityPath);
            }

            var context = PrivateLoadContext.TryCreate("ImContacts.Identity", directory, typeof(IdentityAssemblyLoader).Assembly);
            Assembly identity;
            if (context is not null)
            {
                foreach (var name in Isolated.Where(n => File.Exists(Path.Combine(directory, n + ".dll"))))
                {
                    context.LoadFromPath(Path.Combine(directory, name + ".dll"));
                }

                identity = context.LoadFromPath(identityPath);
            }
            else
            {
                DesktopResolver.Install(directory, typeof(IdentityAssemblyLoader).Assembly);
                identity = Assembly.LoadFrom(identityPath);
            }

            var type = identity.GetType(FactoryType, throwOnError: true)!;
            return (IAccessTokenSourceFactory)Activator.CreateInstance(type, nonPublic: true)!;
        }
    }
}
