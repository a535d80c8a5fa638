using ImContacts.Auth;
using ImContacts.Connection;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Which answers to Connect-ImService's test prove the connection, which only warn and which fail it.</summary>
public sealed class ConnectionCheckTests
{
    private const string ErrorAnswer =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
        + "<GetImItemsResponse ResponseClass=\"Error\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
        + "<MessageText>The SMTP address has no mailbox associated with it.</MessageText><ResponseCode>ErrorNonExistentMailbox</ResponseCode>"
        + "</GetImItemsResponse></s:Body></s:Envelope>";

    private static ConnectionCheck Run(CannedHandler handler, bool appOnly = false)
    {
        using var client = TestClients.Create(handler);
        return ConnectionCheck.RunAsync(client, Mailboxes.Own, appOnly, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void A_successful_answer_proves_the_connection_and_gives_the_build_in_one_request_without_ids()
    {
        var handler = new CannedHandler(200, OwnAnswers.GetImItems);
        var check = Run(handler);
        Assert.Null(check.Failure);
        Assert.Null(check.Warning);
        Assert.Equal("15.0.1497.2 (V2_23)", check.Server?.ToString());
        var (_, body) = Assert.Single(handler.Requests);
        Assert.Contains("<m:GetImItems />", body);
    }

    [Fact]
    public void An_error_response_proves_the_connection_but_warns_except_for_app_only_without_a_mailbox()
    {
        var check = Run(new CannedHandler(200, ErrorAnswer));
        Assert.Null(check.Failure);
        Assert.Contains("ErrorNonExistentMailbox", check.Warning);

        var appOnly = Run(new CannedHandler(200, ErrorAnswer), appOnly: true);
        Assert.Null(appOnly.Failure);
        Assert.Null(appOnly.Warning);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public void A_busy_server_is_a_warning_not_a_failure(int status)
    {
        var check = Run(new CannedHandler(status, "busy", "text/plain"));
        Assert.Null(check.Failure);
        Assert.Contains("transient", check.Warning);
    }

    [Theory]
    [InlineData(401, "text/html", "", "Http401", "carries EWS.AccessAsUser.All or full_access_as_app")]
    [InlineData(404, "text/html", "<html>Not Found</html>", "Http404", "-Autodiscover")]
    [InlineData(200, "text/html", "<html>Outlook</html>", "InvalidResponse", "not a web page")]
    public void Answers_that_are_not_EWS_and_refused_sign_ins_fail_with_advice(int status, string contentType, string body, string errorId, string advice)
    {
        var check = Run(new CannedHandler(status, body, contentType));
        var failure = Assert.IsAssignableFrom<EwsException>(check.Failure);
        Assert.Equal(errorId, failure.ErrorId);
        Assert.Contains(advice, ConnectionCheck.Advice(failure, SignInMethod.AccessToken));
    }
}
