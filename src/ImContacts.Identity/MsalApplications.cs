using System;
using System.Reflection;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Microsoft.Identity.Client;

namespace ImContacts.Identity
{
    /// <summary>What every MSAL application of ours shares: the authority, the client name, the tests' HTTP route.</summary>
    internal static class MsalApplications
    {
        public const string DelegatedTenant = "organizations";

        private static readonly string Version =
            typeof(MsalApplications).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

        public static string Authority(string? tenantId) => "https://login.microsoftonline.com/" + (tenantId ?? DelegatedTenant);

        public static T Configure<T>(T builder, OAuthSignIn signIn)
            where T : AbstractApplicationBuilder<T>
        {
            builder.WithAuthority(Authority(signIn.TenantId)).WithClientName("ImContacts").WithClientVersion(Version);
            if (signIn.HttpHandler is { } handler)
            {
                builder.WithHttpClientFactory(new MsalHttpClientFactory(handler));
            }

            return builder;
        }
    }
}
