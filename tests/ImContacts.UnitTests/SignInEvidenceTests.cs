using System.Formats.Asn1;
using System.Text;
using ImContacts.Auth;
using ImContacts.Auth.Diagnosis;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// Reading how a request signed in from its Authorization header. The tokens are built here with .NET's own ASN.1
/// writer from RFC 4178 (SPNEGO), RFC 4121 (the Kerberos GSS token), RFC 4120 (AP-REQ) and [MS-NLMP] (NTLM).
/// </summary>
public sealed class SignInEvidenceTests
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, true);
    private static readonly Asn1Tag Context2 = new(TagClass.ContextSpecific, 2, true);
    private static readonly Asn1Tag Context3 = new(TagClass.ContextSpecific, 3, true);
    private static readonly Asn1Tag Context4 = new(TagClass.ContextSpecific, 4, true);

    [Fact]
    public void A_Kerberos_ticket_inside_SPNEGO_names_its_service_principal()
    {
        var evidence = SignInEvidence.FromAuthorization("Negotiate", Convert.ToBase64String(NegTokenInit(KerberosApReq("CONTOSO.COM", "HTTP", "mail.contoso.com"))));

        Assert.Equal(SignInProtocol.Kerberos, evidence.Protocol);
        Assert.Equal("HTTP/mail.contoso.com@CONTOSO.COM", evidence.KerberosService);
        Assert.False(evidence.FellBackToNtlm);
        Assert.Equal("Kerberos (ticket for HTTP/mail.contoso.com@CONTOSO.COM)", evidence.ToString());
    }

    [Fact]
    public void A_bare_Kerberos_token_reads_the_same()
    {
        var evidence = SignInEvidence.FromAuthorization("Negotiate", Convert.ToBase64String(KerberosApReq("CONTOSO.COM", "HTTP", "mail.contoso.com")));
        Assert.Equal("HTTP/mail.contoso.com@CONTOSO.COM", evidence.KerberosService);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_NTLM_answer_names_the_domain_and_user(bool unicode)
    {
        var raw = SignInEvidence.FromAuthorization("NTLM", Convert.ToBase64String(NtlmAuthenticate("CONTOSO", "admin", unicode)));
        Assert.Equal(SignInProtocol.Ntlm, raw.Protocol);
        Assert.Equal("CONTOSO\\admin", raw.NtlmAccount);
        Assert.False(raw.FellBackToNtlm);

        var wrapped = SignInEvidence.FromAuthorization("Negotiate", Convert.ToBase64String(NegTokenResp(NtlmAuthenticate("CONTOSO", "admin", unicode))));
        Assert.Equal("NTLM as CONTOSO\\admin", wrapped.ToString());
        Assert.True(wrapped.FellBackToNtlm);
    }

    [Fact]
    public void An_NTLM_negotiate_message_names_no_one()
    {
        var message = Encoding.ASCII.GetBytes("NTLMSSP\0").Concat(BitConverter.GetBytes(1)).Concat(new byte[20]).ToArray();
        var evidence = SignInEvidence.FromAuthorization("Negotiate", Convert.ToBase64String(NegTokenInit(message)));
        Assert.Equal(SignInProtocol.Ntlm, evidence.Protocol);
        Assert.Null(evidence.NtlmAccount);
    }

    [Theory]
    [InlineData(null, null, "None")]
    [InlineData("Basic", "YWRtaW46cGFzcw==", "Basic")]
    [InlineData("Bearer", "eyJ0eXAi", "Bearer")]
    [InlineData("Digest", "x", "Other")]
    [InlineData("Negotiate", "not base64!", "Other")]
    [InlineData("Negotiate", "", "Other")]
    [InlineData("Negotiate", "YIIBAAYGKwYBBQUC", "Other")] // a length beyond the end
    [InlineData("Negotiate", "oQMwAQ==", "Other")] // a NegTokenResp without a token
    public void Anything_else_reads_without_failing(string? scheme, string? parameter, string expected)
    {
        Assert.Equal(expected, SignInEvidence.FromAuthorization(scheme, parameter).Protocol.ToString());
    }

    [Fact]
    public void Every_truncation_of_a_real_token_reads_without_failing()
    {
        var token = NegTokenInit(KerberosApReq("CONTOSO.COM", "HTTP", "mail.contoso.com"));
        for (var length = 0; length < token.Length; length++)
        {
            var evidence = NegotiateTokenReader.Read(token.Take(length).ToArray());
            Assert.True(evidence.Protocol is SignInProtocol.Other or SignInProtocol.Kerberos, $"length {length}: {evidence.Protocol}");
        }
    }

    [Fact]
    public void A_refused_ticket_names_the_clocks_and_the_service_principal()
    {
        var ticket = new SignInEvidence(SignInProtocol.Kerberos, "HTTP/mail.contoso.com@CONTOSO.COM", null);
        var agree = SignInRefusal.Explain("Negotiate", ticket, "mail.contoso.com", SignInMethod.Credential, TimeSpan.FromSeconds(-1))!;
        Assert.Contains("Kerberos got a ticket for HTTP/mail.contoso.com@CONTOSO.COM and the server refused it", agree);
        Assert.Contains("the server's clock agrees with this computer's", agree);
        Assert.Contains("setspn -Q HTTP/mail.contoso.com", agree);

        Assert.Contains("the server's clock is 62 minutes behind this computer's", SignInRefusal.Explain("Negotiate", ticket, "mail.contoso.com", SignInMethod.Credential, TimeSpan.FromMinutes(-62)));
        Assert.Contains("the server's clock is 7 minutes ahead of this computer's", SignInRefusal.Explain("Negotiate", ticket, "mail.contoso.com", SignInMethod.Credential, TimeSpan.FromMinutes(7)));
        Assert.DoesNotContain("(the server's clock", SignInRefusal.Explain("Negotiate", ticket, "mail.contoso.com", SignInMethod.Credential, null));
    }

    [Fact]
    public void Other_refusals_say_what_was_sent()
    {
        Assert.Equal(" Nothing was sent: Kerberos got no ticket for HTTP/mail (this logon has none, klist lists them; or no account has that service principal), and there were no NTLM credentials to answer with.",
            SignInRefusal.Explain("Negotiate", SignInEvidence.None, "mail", SignInMethod.DefaultCredentials, null));
        Assert.Equal(" Nothing was sent: Kerberos got no ticket for HTTP/mail, and there were no NTLM credentials to answer with.",
            SignInRefusal.Explain("Negotiate", SignInEvidence.None, "mail", SignInMethod.Credential, null));
        var ntlm = new SignInEvidence(SignInProtocol.Ntlm, null, "CONTOSO\\admin");
        Assert.Equal(" The server refused NTLM as CONTOSO\\admin: the user name or password is wrong, or the account is locked out or disabled.",
            SignInRefusal.Explain("NTLM", ntlm, "mail", SignInMethod.Credential, null));
        Assert.StartsWith(" Kerberos got no ticket for HTTP/mail, so Negotiate fell back to NTLM, and the server refused NTLM as CONTOSO\\admin",
            SignInRefusal.Explain("Negotiate", ntlm, "mail", SignInMethod.Credential, null));
        // Windows PowerShell 5.1's HTTP stack does not show what it sent: the message stays general.
        Assert.Equal(" Negotiate tried Kerberos (it needs the service principal HTTP/mail and a clock within 5 minutes of the domain's) and then NTLM (the password, as DOMAIN\\user or user@domain).",
            SignInRefusal.Explain("Negotiate", SignInEvidence.Unknown, "mail", SignInMethod.Credential, null));
        Assert.False(SignInEvidence.Unknown.IsKnown);
        Assert.True(SignInEvidence.Observable);
        Assert.Null(SignInRefusal.Explain("Basic", SignInEvidence.None, "mail", SignInMethod.Credential, null));
        Assert.Null(SignInRefusal.Explain("Bearer", SignInEvidence.None, "mail", SignInMethod.AccessToken, null));
    }

    private static byte[] NegTokenInit(byte[] mechToken)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.Application, 0, true)))
        {
            writer.WriteObjectIdentifier("1.3.6.1.5.5.2");
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                using (writer.PushSequence(Context0))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113554.1.2.2");
                    writer.WriteObjectIdentifier("1.3.6.1.4.1.311.2.2.10");
                }

                using (writer.PushSequence(Context2))
                {
                    writer.WriteOctetString(mechToken);
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] NegTokenResp(byte[] responseToken)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Context1))
        using (writer.PushSequence())
        {
            using (writer.PushSequence(Context0))
            {
                writer.WriteEnumeratedValue(NegState.AcceptIncomplete);
            }

            using (writer.PushSequence(Context2))
            {
                writer.WriteOctetString(responseToken);
            }
        }

        return writer.Encode();
    }

    /// <summary>RFC 4121's InitialContextToken around an AP-REQ whose ticket is for service/host@realm.</summary>
    private static byte[] KerberosApReq(string realm, string service, string host)
    {
        var apReq = new AsnWriter(AsnEncodingRules.DER);
        using (apReq.PushSequence(new Asn1Tag(TagClass.Application, 14, true)))
        using (apReq.PushSequence())
        {
            using (apReq.PushSequence(Context0)) { apReq.WriteInteger(5); }
            using (apReq.PushSequence(Context1)) { apReq.WriteInteger(14); }
            using (apReq.PushSequence(Context2)) { apReq.WriteBitString(new byte[] { 0x20, 0, 0, 0 }); }
            using (apReq.PushSequence(Context3))
            using (apReq.PushSequence(new Asn1Tag(TagClass.Application, 1, true)))
            using (apReq.PushSequence())
            {
                using (apReq.PushSequence(Context0)) { apReq.WriteInteger(5); }
                using (apReq.PushSequence(Context1)) { apReq.WriteEncodedValue(GeneralString(realm)); }
                using (apReq.PushSequence(Context2))
                using (apReq.PushSequence())
                {
                    using (apReq.PushSequence(Context0)) { apReq.WriteInteger(2); }
                    using (apReq.PushSequence(Context1))
                    using (apReq.PushSequence())
                    {
                        apReq.WriteEncodedValue(GeneralString(service));
                        apReq.WriteEncodedValue(GeneralString(host));
                    }
                }

                using (apReq.PushSequence(Context3)) { apReq.WriteOctetString(new byte[300]); }
            }

            using (apReq.PushSequence(Context4)) { apReq.WriteOctetString(new byte[100]); }
        }

        // The token id (01 00) is not DER, so the outer token is put together by hand.
        var oid = new AsnWriter(AsnEncodingRules.DER);
        oid.WriteObjectIdentifier("1.2.840.113554.1.2.2");
        var inner = oid.Encode().Concat(new byte[] { 0x01, 0x00 }).Concat(apReq.Encode()).ToArray();
        return new byte[] { 0x60 }.Concat(DerLength(inner.Length)).Concat(inner).ToArray();
    }

    /// <summary>Kerberos strings are GeneralString (tag 27), which AsnWriter does not write.</summary>
    private static byte[] GeneralString(string text) =>
        new byte[] { 0x1B }.Concat(DerLength(Encoding.ASCII.GetByteCount(text))).Concat(Encoding.ASCII.GetBytes(text)).ToArray();

    private static byte[] DerLength(int length) =>
        length < 0x80 ? new[] { (byte)length } : length < 0x100 ? new byte[] { 0x81, (byte)length } : new byte[] { 0x82, (byte)(length >> 8), (byte)length };

    /// <summary>[MS-NLMP] AUTHENTICATE_MESSAGE with the domain and user in its payload.</summary>
    private static byte[] NtlmAuthenticate(string domain, string user, bool unicode)
    {
        var encoding = unicode ? Encoding.Unicode : Encoding.ASCII;
        var domainBytes = encoding.GetBytes(domain);
        var userBytes = encoding.GetBytes(user);
        var message = new byte[88 + domainBytes.Length + userBytes.Length];
        Encoding.ASCII.GetBytes("NTLMSSP\0").CopyTo(message, 0);
        BitConverter.GetBytes(3).CopyTo(message, 8);
        Field(message, 28, domainBytes.Length, 88);
        Field(message, 36, userBytes.Length, 88 + domainBytes.Length);
        BitConverter.GetBytes(unicode ? 0xE2088235u : 0xE2088234u).CopyTo(message, 60);
        domainBytes.CopyTo(message, 88);
        userBytes.CopyTo(message, 88 + domainBytes.Length);
        return message;
    }

    private static void Field(byte[] message, int at, int length, int offset)
    {
        BitConverter.GetBytes((ushort)length).CopyTo(message, at);
        BitConverter.GetBytes((ushort)length).CopyTo(message, at + 2);
        BitConverter.GetBytes(offset).CopyTo(message, at + 4);
    }

    private enum NegState
    {
        AcceptCompleted = 0,
        AcceptIncomplete = 1,
    }
}
