using System;
using System.Runtime.InteropServices;

namespace ImContacts.Auth.Kerberos
{
    /// <summary>
    /// The few GSSAPI calls (RFC 2744) the Kerberos probe makes, from MIT Kerberos's libgssapi_krb5.so.2: the library
    /// .NET itself uses for Negotiate on Linux. Names and credentials are opaque handles; buffers are (length, pointer).
    /// </summary>
    internal static class GssApi
    {
        public const string Library = "libgssapi_krb5.so.2";

        public const uint Complete = 0;
        public const uint ContinueNeeded = 1;
        public const int Initiate = 1;
        public const int GssCode = 1;
        public const int MechCode = 2;
        public const uint MutualFlag = 2;

        /// <summary>Routine and calling errors live in the upper 16 bits of a major status; the lower ones are informational.</summary>
        public static bool IsError(uint major) => (major & 0xFFFF0000u) != 0;

        // 1.2.840.113554.1.2.2, 1.2.840.113554.1.2.1.4 (service@host) and 1.2.840.113554.1.2.2.1 (user@REALM).
        public static readonly byte[] KerberosMechanism = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02 };
        public static readonly byte[] HostBasedServiceName = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x01, 0x04 };
        public static readonly byte[] KerberosPrincipalName = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02, 0x01 };

        [StructLayout(LayoutKind.Sequential)]
        public struct Buffer
        {
            public UIntPtr Length;
            public IntPtr Value;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct Oid
        {
            public uint Length;
            public IntPtr Elements;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct OidSet
        {
            public UIntPtr Count;
            public IntPtr Elements;
        }

        [DllImport(Library, EntryPoint = "gss_import_name")]
        public static extern uint ImportName(out uint minor, ref Buffer name, IntPtr nameType, out IntPtr output);

        [DllImport(Library, EntryPoint = "gss_acquire_cred")]
        public static extern uint AcquireCredential(out uint minor, IntPtr name, uint timeRequired, IntPtr mechanisms, int usage,
            out IntPtr credential, IntPtr actualMechanisms, IntPtr timeReceived);

        [DllImport(Library, EntryPoint = "gss_acquire_cred_with_password")]
        public static extern uint AcquireCredentialWithPassword(out uint minor, IntPtr name, ref Buffer password, uint timeRequired, IntPtr mechanisms,
            int usage, out IntPtr credential, IntPtr actualMechanisms, IntPtr timeReceived);

        [DllImport(Library, EntryPoint = "gss_init_sec_context")]
        public static extern uint InitSecurityContext(out uint minor, IntPtr credential, ref IntPtr context, IntPtr target, IntPtr mechanism,
            uint flags, uint timeRequired, IntPtr channelBindings, IntPtr inputToken, IntPtr actualMechanism, ref Buffer outputToken,
            IntPtr returnedFlags, IntPtr timeReceived);

        [DllImport(Library, EntryPoint = "gss_inquire_cred")]
        public static extern uint InquireCredential(out uint minor, IntPtr credential, out IntPtr name, IntPtr lifetime, IntPtr usage, IntPtr mechanisms);

        [DllImport(Library, EntryPoint = "gss_display_name")]
        public static extern uint DisplayName(out uint minor, IntPtr name, ref Buffer text, IntPtr nameType);

        [DllImport(Library, EntryPoint = "gss_display_status")]
        public static extern uint DisplayStatus(out uint minor, uint status, int statusType, IntPtr mechanism, ref uint messageContext, ref Buffer text);

        [DllImport(Library, EntryPoint = "gss_release_buffer")]
        public static extern uint ReleaseBuffer(out uint minor, ref Buffer buffer);

        [DllImport(Library, EntryPoint = "gss_release_name")]
        public static extern uint ReleaseName(out uint minor, ref IntPtr name);

        [DllImport(Library, EntryPoint = "gss_release_cred")]
        public static extern uint ReleaseCredential(out uint minor, ref IntPtr credential);

        [DllImport(Library, EntryPoint = "gss_delete_sec_context")]
        public static extern uint DeleteSecurityContext(out uint minor, ref IntPtr context, IntPtr outputToken);
    }
}
