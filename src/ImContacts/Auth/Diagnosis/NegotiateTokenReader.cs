using System;
using System.Collections.Generic;
using System.Text;

namespace ImContacts.Auth.Diagnosis
{
    /// <summary>
    /// Tells a Kerberos token from an NTLM one inside Negotiate (SPNEGO, RFC 4178), and reads their clear parts: a
    /// Kerberos AP-REQ's ticket names its service principal and realm (RFC 4120 §5.3), an NTLM AUTHENTICATE message its
    /// domain and user ([MS-NLMP] 2.2.1.3). Only the DER needed to reach them is parsed; anything else reads as Other.
    /// </summary>
    internal static class NegotiateTokenReader
    {
        private static readonly byte[] NtlmSignature = Encoding.ASCII.GetBytes("NTLMSSP\0");
        private static readonly byte[] SpnegoOid = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02 };
        private static readonly byte[] KerberosOid = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02 };

        // Windows also names Kerberos 1.2.840.48018.1.2.2 in SPNEGO.
        private static readonly byte[] MicrosoftKerberosOid = { 0x2A, 0x86, 0x48, 0x82, 0xF7, 0x12, 0x01, 0x02, 0x02 };

        public static SignInEvidence Read(byte[] token)
        {
            try
            {
                return ReadToken(new ArraySegment<byte>(token), depth: 0);
            }
            catch (FormatException)
            {
                return new SignInEvidence(SignInProtocol.Other, null, null);
            }
        }

        private static SignInEvidence ReadToken(ArraySegment<byte> token, int depth)
        {
            if (depth > 3 || token.Count == 0)
            {
                throw new FormatException();
            }

            if (StartsWith(token, NtlmSignature))
            {
                return ReadNtlm(token);
            }

            var first = token.Array![token.Offset];
            if (first == 0x60)
            {
                // InitialContextToken: [APPLICATION 0] { thisMech OID, innerToken }.
                var body = Der.Content(token, 0x60, out _);
                var oid = Der.Content(body, 0x06, out var rest);
                if (SameBytes(oid, SpnegoOid))
                {
                    return ReadNegTokenInit(rest, depth);
                }

                if (SameBytes(oid, KerberosOid) || SameBytes(oid, MicrosoftKerberosOid))
                {
                    // Two bytes of token id (01 00: AP-REQ), then the Kerberos message.
                    if (rest.Count < 2 || rest.Array![rest.Offset] != 0x01 || rest.Array[rest.Offset + 1] != 0x00)
                    {
                        return new SignInEvidence(SignInProtocol.Kerberos, null, null);
                    }

                    return new SignInEvidence(SignInProtocol.Kerberos, TicketService(Slice(rest, 2)), null);
                }

                throw new FormatException();
            }

            if (first == 0xA1)
            {
                // NegTokenResp: [1] SEQUENCE { negState [0], supportedMech [1], responseToken [2], mechListMIC [3] }.
                var fields = Der.Fields(Der.Content(Der.Content(token, 0xA1, out _), 0x30, out _));
                if (fields.TryGetValue(0xA2, out var response))
                {
                    return ReadToken(Der.Content(response, 0x04, out _), depth + 1);
                }

                throw new FormatException();
            }

            throw new FormatException();
        }

        /// <summary>[0] NegTokenInit: SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2], mechListMIC [3] }.</summary>
        private static SignInEvidence ReadNegTokenInit(ArraySegment<byte> innerToken, int depth)
        {
            var fields = Der.Fields(Der.Content(Der.Content(innerToken, 0xA0, out _), 0x30, out _));
            if (!fields.TryGetValue(0xA2, out var mechToken))
            {
                throw new FormatException();
            }

            return ReadToken(Der.Content(mechToken, 0x04, out _), depth + 1);
        }

        /// <summary>AP-REQ [APPLICATION 14] { ..., ticket [3] Ticket [APPLICATION 1] { tkt-vno [0], realm [1], sname [2], ... } }.</summary>
        private static string? TicketService(ArraySegment<byte> apReq)
        {
            var request = Der.Fields(Der.Content(Der.Content(apReq, 0x6E, out _), 0x30, out _));
            if (!request.TryGetValue(0xA3, out var ticketField))
            {
                return null;
            }

            var ticket = Der.Fields(Der.Content(Der.Content(ticketField, 0x61, out _), 0x30, out _));
            if (!ticket.TryGetValue(0xA1, out var realmField) || !ticket.TryGetValue(0xA2, out var nameField))
            {
                return null;
            }

            var realm = Encoding.UTF8.GetString(Bytes(Der.Content(realmField, 0x1B, out _)));
            var name = Der.Fields(Der.Content(nameField, 0x30, out _));
            if (!name.TryGetValue(0xA1, out var stringsField))
            {
                return null;
            }

            var parts = new List<string>();
            for (var strings = Der.Content(stringsField, 0x30, out _); strings.Count > 0;)
            {
                parts.Add(Encoding.UTF8.GetString(Bytes(Der.Content(strings, 0x1B, out strings))));
            }

            return string.Join("/", parts) + "@" + realm;
        }

        /// <summary>NTLM: NEGOTIATE (1) and CHALLENGE (2) name no one; AUTHENTICATE (3) carries the domain and user.</summary>
        private static SignInEvidence ReadNtlm(ArraySegment<byte> message)
        {
            if (message.Count < 12 || ReadUInt32(message, 8) != 3 || message.Count < 64)
            {
                return new SignInEvidence(SignInProtocol.Ntlm, null, null);
            }

            var unicode = (ReadUInt32(message, 60) & 0x1) != 0;
            var domain = NtlmField(message, 28, unicode);
            var user = NtlmField(message, 36, unicode);
            var account = string.IsNullOrEmpty(user) ? null : string.IsNullOrEmpty(domain) ? user : domain + "\\" + user;
            return new SignInEvidence(SignInProtocol.Ntlm, null, account);
        }

        private static string NtlmField(ArraySegment<byte> message, int at, bool unicode)
        {
            var length = message.Array![message.Offset + at] | (message.Array[message.Offset + at + 1] << 8);
            var offset = (int)ReadUInt32(message, at + 4);
            if (length == 0 || offset < 0 || offset + length > message.Count)
            {
                return string.Empty;
            }

            return (unicode ? Encoding.Unicode : Encoding.ASCII).GetString(message.Array, message.Offset + offset, length);
        }

        private static uint ReadUInt32(ArraySegment<byte> bytes, int at)
        {
            if (at + 4 > bytes.Count)
            {
                throw new FormatException();
            }

            var a = bytes.Array!;
            var i = bytes.Offset + at;
            return (uint)(a[i] | (a[i + 1] << 8) | (a[i + 2] << 16) | (a[i + 3] << 24));
        }

        private static bool StartsWith(ArraySegment<byte> bytes, byte[] prefix)
        {
            if (bytes.Count < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (bytes.Array![bytes.Offset + i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameBytes(ArraySegment<byte> bytes, byte[] expected) => bytes.Count == expected.Length && StartsWith(bytes, expected);

        private static ArraySegment<byte> Slice(ArraySegment<byte> bytes, int skip) => new ArraySegment<byte>(bytes.Array!, bytes.Offset + skip, bytes.Count - skip);

        private static byte[] Bytes(ArraySegment<byte> bytes)
        {
            var copy = new byte[bytes.Count];
            Array.Copy(bytes.Array!, bytes.Offset, copy, 0, bytes.Count);
            return copy;
        }

        /// <summary>Just enough DER: single-byte tags, definite lengths.</summary>
        private static class Der
        {
            /// <summary>The content of the element at the start of <paramref name="bytes"/>, which must have <paramref name="tag"/>; <paramref name="rest"/> is what follows it.</summary>
            public static ArraySegment<byte> Content(ArraySegment<byte> bytes, byte tag, out ArraySegment<byte> rest)
            {
                var a = bytes.Array!;
                var end = bytes.Offset + bytes.Count;
                var i = bytes.Offset;
                if (bytes.Count < 2 || a[i] != tag)
                {
                    throw new FormatException();
                }

                i++;
                int length = a[i++];
                if (length > 0x80)
                {
                    var octets = length & 0x7F;
                    if (octets > 3 || i + octets > end)
                    {
                        throw new FormatException();
                    }

                    length = 0;
                    for (var k = 0; k < octets; k++)
                    {
                        length = (length << 8) | a[i++];
                    }
                }
                else if (length == 0x80)
                {
                    throw new FormatException();
                }

                if (i + length > end)
                {
                    throw new FormatException();
                }

                rest = new ArraySegment<byte>(a, i + length, end - i - length);
                return new ArraySegment<byte>(a, i, length);
            }

            /// <summary>A SEQUENCE's content as its context-tagged fields ([0] is 0xA0), each field's content.</summary>
            public static Dictionary<byte, ArraySegment<byte>> Fields(ArraySegment<byte> sequence)
            {
                var fields = new Dictionary<byte, ArraySegment<byte>>();
                while (sequence.Count > 0)
                {
                    var tag = sequence.Array![sequence.Offset];
                    fields[tag] = Content(sequence, tag, out sequence);
                }

                return fields;
            }
        }
    }
}
