using System;
using System.Globalization;
using ImContacts.Auth;
using ImContacts.Ews;

namespace ImContacts.Connection
{
    /// <summary>Everything about a connection except how it signs in.</summary>
    internal sealed class ImServiceConnectionSettings
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

        public ImServiceConnectionSettings(Uri url)
        {
            Url = url;
        }

        public Uri Url { get; }

        public string ServerVersion { get; set; } = ExchangeVersions.Default;

        public string? Culture { get; set; }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        public bool SkipCertificateCheck { get; set; }

        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>A file to append every SOAP exchange to, secrets redacted; null for none.</summary>
        public string? TraceFile { get; set; }

        /// <summary>Throws ArgumentException naming the setting when one is unusable.</summary>
        public void Validate()
        {
            var refused = EndpointPolicy.Check(Url, AllowUnencryptedAuthentication);
            if (refused is not null)
            {
                throw new ArgumentException(refused, "Url");
            }

            if (ExchangeVersions.Canonical(ServerVersion) is null)
            {
                throw new ArgumentException(
                    $"ServerVersion '{ServerVersion}' does not know the IM-list operations. Use one of: {string.Join(", ", ExchangeVersions.Supported)}.",
                    "ServerVersion");
            }

            if (Culture is not null)
            {
                try
                {
                    Culture = CultureInfo.GetCultureInfo(Culture).Name;
                }
                catch (CultureNotFoundException)
                {
                    Culture = null;
                }

                if (string.IsNullOrEmpty(Culture))
                {
                    throw new ArgumentException("Culture is not a culture name such as en-US.", "Culture");
                }
            }

            if (Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Timeout must be positive, not {Timeout.TotalSeconds} seconds.", "TimeoutSec");
            }
        }
    }
}
