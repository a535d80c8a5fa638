using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace ImContacts.Auth.Kerberos
{
    /// <summary>
    /// Asks Kerberos itself, after a refused sign-in, why it gave no ticket: the same steps the handler took (the
    /// user's credential from the password or the logon's cache, then a ticket for HTTP/host), but with GSSAPI's own
    /// error, which HttpClient keeps to itself. Runs only where .NET uses MIT GSSAPI (Linux); null elsewhere.
    /// Windows does not need it as much: SSPI signs in from the logon and falls back to NTLM with the same account.
    /// </summary>
    internal static class KerberosProbe
    {
        /// <summary>A probe that takes longer gives up: an unreachable KDC can keep MIT retrying for half a minute.</summary>
        public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        // MIT's com_err codes for Kerberos protocol errors are this base plus the RFC 4120 error number.
        private const int KerberosErrorBase = -1765328384;

        public static bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>
        /// What Kerberos says for <paramref name="credential"/> (null: the logon's ticket cache) and HTTP/<paramref name="host"/>;
        /// null when the probe cannot run here.
        /// </summary>
        public static KerberosProbeResult? Run(NetworkCredential? credential, string host)
        {
            if (!IsAvailable)
            {
                return null;
            }

            var service = "HTTP/" + CanonicalHost(host);
            var probe = Task.Run(() => Probe(credential, service));
            try
            {
                if (!probe.Wait(Patience))
                {
                    return new KerberosProbeResult(service, false, "no domain controller",
                        $"Kerberos had no answer within {Patience.TotalSeconds:0} seconds: no domain controller (KDC) for the realm is reachable from this computer.");
                }

                return probe.Result;
            }
            catch (AggregateException)
            {
                // No usable libgssapi (DllNotFoundException, EntryPointNotFoundException): there is nothing to add.
                return null;
            }
        }

        /// <summary>
        /// The client principal of this logon's Kerberos ticket cache (ana@CONTOSO.COM), which a sign-in with the logon's
        /// credentials uses; null when there is no ticket or no GSSAPI here.
        /// </summary>
        public static string? TicketOwner()
        {
            if (!IsAvailable)
            {
                return null;
            }

            try
            {
                var owner = Task.Run(CachedPrincipal);
                return owner.Wait(Patience) ? owner.Result : null;
            }
            catch (AggregateException)
            {
                return null;
            }
        }

        private static string? CachedPrincipal()
        {
            var mechanismOid = OidOf(GssApi.KerberosMechanism);
            var mechanisms = Marshal.AllocHGlobal(Marshal.SizeOf<GssApi.OidSet>());
            Marshal.StructureToPtr(new GssApi.OidSet { Count = (UIntPtr)1, Elements = mechanismOid }, mechanisms, false);
            IntPtr credentialHandle = IntPtr.Zero, name = IntPtr.Zero;
            try
            {
                if (GssApi.IsError(GssApi.AcquireCredential(out _, IntPtr.Zero, 0, mechanisms, GssApi.Initiate, out credentialHandle, IntPtr.Zero, IntPtr.Zero))
                    || GssApi.IsError(GssApi.InquireCredential(out _, credentialHandle, out name, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero)))
                {
                    return null;
                }

                var text = default(GssApi.Buffer);
                if (GssApi.IsError(GssApi.DisplayName(out _, name, ref text, IntPtr.Zero)) || text.Value == IntPtr.Zero)
                {
                    return null;
                }

                var bytes = new byte[(int)text.Length];
                Marshal.Copy(text.Value, bytes, 0, bytes.Length);
                GssApi.ReleaseBuffer(out _, ref text);
                return bytes.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(bytes);
            }
            finally
            {
                ReleaseName(ref name);
                ReleaseCredential(ref credentialHandle);
                Marshal.FreeHGlobal(mechanisms);
                FreeOid(mechanismOid);
            }
        }

        /// <summary>The name .NET asks a ticket for: the host's canonical DNS name, as Windows does too (CNAMEs followed).</summary>
        private static string CanonicalHost(string host)
        {
            if (IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                return host;
            }

            try
            {
                return Dns.GetHostEntry(host).HostName;
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException)
            {
                return host;
            }
        }

        private static KerberosProbeResult Probe(NetworkCredential? credential, string service)
        {
            var mechanismOid = OidOf(GssApi.KerberosMechanism);
            var serviceOid = OidOf(GssApi.HostBasedServiceName);
            var principalOid = OidOf(GssApi.KerberosPrincipalName);
            var mechanisms = Marshal.AllocHGlobal(Marshal.SizeOf<GssApi.OidSet>());
            Marshal.StructureToPtr(new GssApi.OidSet { Count = (UIntPtr)1, Elements = mechanismOid }, mechanisms, false);
            IntPtr user = IntPtr.Zero, target = IntPtr.Zero, credentialHandle = IntPtr.Zero, context = IntPtr.Zero;
            try
            {
                uint major, minor;
                if (credential is not null)
                {
                    // As .NET names the user: user@domain for DOMAIN\user, else the name as given (a UPN, or a bare name in the default realm).
                    var name = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.UserName + "@" + credential.Domain;
                    major = ImportName(name, principalOid, out user, out minor);
                    if (GssApi.IsError(major))
                    {
                        return Failed(service, "the user name", major, minor, mechanismOid);
                    }

                    major = AcquireWithPassword(user, credential, mechanisms, out credentialHandle, out minor);
                    if (GssApi.IsError(major))
                    {
                        return Failed(service, $"signing in as {name}", major, minor, mechanismOid, credential);
                    }
                }
                else
                {
                    major = GssApi.AcquireCredential(out minor, IntPtr.Zero, 0, mechanisms, GssApi.Initiate, out credentialHandle, IntPtr.Zero, IntPtr.Zero);
                    if (GssApi.IsError(major))
                    {
                        return Failed(service, "finding this logon's ticket", major, minor, mechanismOid);
                    }
                }

                var at = service.IndexOf('/');
                major = ImportName(service.Substring(0, at) + "@" + service.Substring(at + 1), serviceOid, out target, out minor);
                if (GssApi.IsError(major))
                {
                    return Failed(service, "the service name", major, minor, mechanismOid);
                }

                var token = default(GssApi.Buffer);
                major = GssApi.InitSecurityContext(out minor, credentialHandle, ref context, target, mechanismOid, GssApi.MutualFlag, 0,
                    IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, ref token, IntPtr.Zero, IntPtr.Zero);
                if (token.Value != IntPtr.Zero)
                {
                    GssApi.ReleaseBuffer(out _, ref token);
                }

                return GssApi.IsError(major)
                    ? Failed(service, $"getting a ticket for {service}", major, minor, mechanismOid)
                    : new KerberosProbeResult(service, true, null, $"Kerberos on this computer does get a ticket for {service}.");
            }
            finally
            {
                if (context != IntPtr.Zero)
                {
                    GssApi.DeleteSecurityContext(out _, ref context, IntPtr.Zero);
                }

                ReleaseCredential(ref credentialHandle);
                ReleaseName(ref target);
                ReleaseName(ref user);
                Marshal.FreeHGlobal(mechanisms);
                FreeOid(mechanismOid);
                FreeOid(serviceOid);
                FreeOid(principalOid);
            }
        }

        private static void ReleaseName(ref IntPtr name)
        {
            if (name != IntPtr.Zero)
            {
                GssApi.ReleaseName(out _, ref name);
            }
        }

        private static void ReleaseCredential(ref IntPtr credential)
        {
            if (credential != IntPtr.Zero)
            {
                GssApi.ReleaseCredential(out _, ref credential);
            }
        }

        private static uint ImportName(string name, IntPtr nameType, out IntPtr handle, out uint minor)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(name);
            var text = Marshal.AllocHGlobal(bytes.Length);
            try
            {
                Marshal.Copy(bytes, 0, text, bytes.Length);
                var buffer = new GssApi.Buffer { Length = (UIntPtr)bytes.Length, Value = text };
                return GssApi.ImportName(out minor, ref buffer, nameType, out handle);
            }
            finally
            {
                Marshal.FreeHGlobal(text);
            }
        }

        /// <summary>The password goes to GSSAPI from unmanaged memory that is zeroed before it is freed.</summary>
        private static uint AcquireWithPassword(IntPtr user, NetworkCredential credential, IntPtr mechanisms, out IntPtr handle, out uint minor)
        {
            using var secure = credential.SecurePassword;
            var password = Marshal.SecureStringToGlobalAllocAnsi(secure);
            try
            {
                var length = 0;
                while (Marshal.ReadByte(password, length) != 0)
                {
                    length++;
                }

                var buffer = new GssApi.Buffer { Length = (UIntPtr)length, Value = password };
                return GssApi.AcquireCredentialWithPassword(out minor, user, ref buffer, 0, mechanisms, GssApi.Initiate, out handle, IntPtr.Zero, IntPtr.Zero);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocAnsi(password);
            }
        }

        /// <summary>What failed at <paramref name="step"/>, in Kerberos's words, with the admin's name for it and what helps; <paramref name="credential"/> is the one signing in failed for (null: the logon's ticket cache).</summary>
        private static KerberosProbeResult Failed(string service, string step, uint major, uint minor, IntPtr mechanism, NetworkCredential? credential = null)
        {
            // The mechanism's (Kerberos's) own words when it gave any; GSSAPI's general ones otherwise.
            var said = (minor == 0 ? null : Describe(minor, GssApi.MechCode, mechanism))
                ?? Describe(major, GssApi.GssCode, IntPtr.Zero) ?? $"GSSAPI status {major:x8}/{minor:x8}";
            var (cause, advice) = Cause(major, unchecked((int)minor), service);
            if (credential is not null && !string.IsNullOrEmpty(credential.Domain) && credential.Domain.IndexOf('.') < 0
                && cause is null or "no ticket" or "unknown user")
            {
                // DOMAIN\user: .NET asks Kerberos for user@DOMAIN, a NetBIOS name no realm has. A ticket cache, kinit or
                // logging on are no help to someone who gave -Credential.
                (cause, advice) = ("NetBIOS domain", $"{credential.Domain}\\{credential.UserName} names the domain by its NetBIOS name, which Kerberos cannot look up: "
                    + $"for Kerberos give the user as {credential.UserName}@<the domain's DNS name>, its UPN; NTLM was used instead");
            }
            else if (credential is not null && cause == "no ticket")
            {
                (cause, advice) = ("no ticket", "Kerberos could not sign in with this credential: give the user as user@dns.domain, and check that a domain controller is reachable");
            }

            return new KerberosProbeResult(service, false, cause, $"Kerberos on this computer failed at {step}: {said.TrimEnd('.')}" + (advice is null ? "." : $" ({advice})."));
        }

        /// <summary>The admin's name for the failure, and what to do; by RFC 4120 error number where Kerberos gives one.</summary>
        private static (string? Cause, string? Advice) Cause(uint major, int minor, string service)
        {
            const uint NoCredentials = 7u << 16;
            switch (minor - KerberosErrorBase)
            {
                case 6: return ("unknown user", "the domain does not know this user: check the name, as user@domain");
                case 7: return ("SPN not found", $"no account has the service principal {service}: setspn -Q {service} finds it, setspn -S adds it to the account EWS runs as");
                case 18: return ("account disabled", "the account is disabled or locked out");
                case 23: return ("password expired", "the password has expired: change it");
                case 24:
                case 31: return ("bad password", "the password is wrong");
                case 32: return ("ticket expired", "the logon's ticket has expired: kinit, or log on again");
                case 37: return ("clock skew", "this computer's clock and the domain controller's are more than 5 minutes apart");
            }

            return (major & 0x00FF0000u) == NoCredentials
                ? ("no ticket", "this logon has no Kerberos ticket: kinit, or log on with a domain account, or use -Credential")
                : (null, null);
        }

        private static string? Describe(uint status, int type, IntPtr mechanism)
        {
            var parts = new System.Collections.Generic.List<string>();
            uint messageContext = 0;
            for (var i = 0; i < 4; i++)
            {
                var text = default(GssApi.Buffer);
                if (GssApi.IsError(GssApi.DisplayStatus(out _, status, type, mechanism, ref messageContext, ref text)))
                {
                    break;
                }

                if (text.Value != IntPtr.Zero)
                {
                    var part = Marshal.PtrToStringAnsi(text.Value, (int)text.Length);
                    GssApi.ReleaseBuffer(out _, ref text);
                    if (!string.IsNullOrWhiteSpace(part) && !part.StartsWith("Unknown error", StringComparison.Ordinal))
                    {
                        parts.Add(part.Trim());
                    }
                }

                if (messageContext == 0)
                {
                    break;
                }
            }

            return parts.Count == 0 ? null : string.Join("; ", parts);
        }

        private static IntPtr OidOf(byte[] bytes)
        {
            var elements = Marshal.AllocHGlobal(bytes.Length);
            Marshal.Copy(bytes, 0, elements, bytes.Length);
            var oid = Marshal.AllocHGlobal(Marshal.SizeOf<GssApi.Oid>());
            Marshal.StructureToPtr(new GssApi.Oid { Length = (uint)bytes.Length, Elements = elements }, oid, false);
            return oid;
        }

        private static void FreeOid(IntPtr oid)
        {
            Marshal.FreeHGlobal(Marshal.PtrToStructure<GssApi.Oid>(oid).Elements);
            Marshal.FreeHGlobal(oid);
        }
    }
}
