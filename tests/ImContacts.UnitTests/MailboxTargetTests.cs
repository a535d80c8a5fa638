using System.Net;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Connection;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Whose list an input works on is decided once, by one rule, and the request does as it was decided.</summary>
public sealed class MailboxTargetTests
{
    private static readonly Uri Endpoint = new("https://mail.contoso.com/EWS/Exchange.asmx");

    private static ImServiceConnection SignedInAs(string user) =>
        ImServiceConnection.Create(new ImServiceConnectionSettings(Endpoint), new WindowsCredentialAuthenticator(new NetworkCredential(user, "Sim-Pass-1")));

    [Fact]
    public void None_or_the_own_name_in_any_case_is_the_own_mailbox_named_as_it_signed_in()
    {
        using var connection = SignedInAs(@"CONTOSO\admin");

        foreach (var given in new[] { null, @"CONTOSO\admin", @"  contoso\ADMIN " })
        {
            var target = connection.Target(given, "Mailbox");
            Assert.True(target.IsOwn);
            Assert.Null(target.ImpersonatedAddress);
            Assert.Equal(@"CONTOSO\admin", target.Name);
            Assert.Equal(@"for CONTOSO\admin", target.Label);
        }
    }

    [Fact]
    public void Another_address_is_impersonated_trimmed_and_equal_to_itself_in_any_case()
    {
        using var connection = SignedInAs("admin@contoso.com");

        var target = connection.Target(" ana@contoso.com ", "Mailbox");

        Assert.False(target.IsOwn);
        Assert.Equal("ana@contoso.com", target.ImpersonatedAddress);
        Assert.Equal(target, connection.Target("ANA@contoso.com", "Mailbox"));
        Assert.Equal(target.GetHashCode(), connection.Target("ANA@contoso.com", "Mailbox").GetHashCode());
        Assert.Equal("ana@contoso.com", target.Key);
        Assert.NotEqual(target, connection.Target(null, "Mailbox"));
        Assert.Equal(string.Empty, connection.Target(null, "Mailbox").Key);
    }

    [Theory]
    [InlineData("", "-Mailbox (the row's UserPrincipalName) is empty")]
    [InlineData("Ana Lopez", "-Mailbox (the row's UserPrincipalName) 'Ana Lopez' is not an SMTP address")]
    [InlineData("Ana <ana@contoso.com>", "is not an SMTP address")]
    public void A_value_that_names_no_mailbox_is_refused_naming_the_parameter_and_the_value(string given, string expected)
    {
        using var connection = SignedInAs("admin@contoso.com");

        var error = Assert.Throws<ArgumentException>(() => connection.Target(given, "Mailbox (the row's UserPrincipalName)"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_app_only_connection_has_no_own_mailbox_to_fall_back_to()
    {
        var token = TestClients.Secure(AccessTokenClaimsTests.Jwt("{\"idtyp\":\"app\",\"appid\":\"0f9d3b8a\",\"roles\":[\"full_access_as_app\"]}"));
        using var connection = ImServiceConnection.Create(new ImServiceConnectionSettings(Endpoint), new AccessTokenAuthenticator(token));

        var error = Assert.Throws<MissingInputException>(() => connection.Target(null, "Mailbox"));

        Assert.Equal("MailboxRequired", error.ErrorId);
        Assert.False(connection.Target("ana@contoso.com", "Mailbox").IsOwn);
    }

    [Fact]
    public async Task The_own_mailbox_named_is_sent_without_impersonation_and_named_in_the_result()
    {
        var handler = new CannedHandler(200, OwnAnswers.AddImContactToGroup);
        using var client = TestClients.Create(handler);

        var result = await client.InvokeAsync(new SampleOperation("AddImContactToGroup"), MailboxTarget.Own("admin@contoso.com"), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.DoesNotContain("ExchangeImpersonation", body);
        Assert.False(request.Headers.Contains("X-AnchorMailbox"));
        Assert.Equal("admin@contoso.com", result.Context.Mailbox);
        Assert.False(result.Context.Impersonates);
    }

    [Fact]
    public void An_impersonated_mailbox_needs_an_address()
    {
        Assert.Throws<ArgumentException>(() => MailboxTarget.Impersonated(" "));
        Assert.Equal("(own mailbox)", MailboxTarget.OwnUnnamed.Label);
        Assert.Equal("for ana@contoso.com", Mailboxes.For("ana@contoso.com").Label);
    }
}
