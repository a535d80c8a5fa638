using System;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImContacts.Auth.OAuth
{
    /// <summary>Finds the certificate an app-only sign-in signs with; errors name the parameter and never the password.</summary>
    internal static class CertificateLoader
    {
        /// <summary>Looks in the user's personal store, then the machine's (Cert:\CurrentUser\My, Cert:\LocalMachine\My).</summary>
        public static X509Certificate2 FromThumbprint(string thumbprint)
        {
            var wanted = thumbprint.Replace(" ", string.Empty).Replace(":", string.Empty).ToUpperInvariant();
            if (wanted.Length == 0 || !IsHex(wanted))
            {
                throw new ArgumentException($"CertificateThumbprint '{thumbprint}' is not a thumbprint (hexadecimal digits).", "CertificateThumbprint");
            }

            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (CryptographicException)
                {
                    continue;
                }

                var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                if (found.Count > 0)
                {
                    return RequirePrivateKey(found[0], $"The certificate {wanted}", "CertificateThumbprint");
                }
            }

            throw new ArgumentException(
                $"CertificateThumbprint '{thumbprint}': no such certificate in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My.", "CertificateThumbprint");
        }

        /// <summary>Reads a PFX/PKCS#12 file with its private key.</summary>
        public static X509Certificate2 FromFile(string path, SecureString? password)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = password is null ? new X509Certificate2(path) : new X509Certificate2(path, password);
            }
            catch (CryptographicException ex)
            {
                throw new ArgumentException(
                    $"CertificatePath '{path}' could not be read as a PFX file with its private key: {ex.Message.Trim()} Check the file and -CertificatePassword.",
                    "CertificatePath");
            }

            return RequirePrivateKey(certificate, $"CertificatePath '{path}'", "CertificatePath");
        }

        public static X509Certificate2 RequirePrivateKey(X509Certificate2 certificate, string description, string parameter)
        {
            if (!certificate.HasPrivateKey)
            {
                throw new ArgumentException(
                    $"{description} ({certificate.Subject}) has no private key here; app-only sign-in signs with it. Use the PFX or the store entry that holds the key.",
                    parameter);
            }

            return certificate;
        }

        private static bool IsHex(string text)
        {
            foreach (var c in text)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
