using System.Management.Automation;
using System.Text;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>
/// Exchange Online's EWS block (protocol reference §9): a 403 with X-EWS-Policy-Reason ends the run with what to check
/// and when EWS ends; a mailbox whose licence has no EWS rights fails alone, saying so.
/// </summary>
public sealed class EwsRetirementTests : SimulatorTest
{
    /// <summary>The next 20 requests answered as a tenant that refuses EWS answers them.</summary>
    private void QueueTenantBlock()
    {
        var blocked = new RawAnswer(403, "text/html", Encoding.UTF8.GetBytes("<html>Forbidden</html>"),
            new Dictionary<string, string> { ["X-EWS-Policy-Reason"] = "EwsPolicyBlocked" });
        for (var i = 0; i < 20; i++)
        {
            Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.RawAnswer, Answer: blocked));
        }
    }

    [Fact]
    public void A_tenant_that_refuses_EWS_ends_the_run_at_once_naming_the_policy_reason()
    {
        QueueTenantBlock();

        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Launch' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Launch' }
                [pscustomobject]@{ Mailbox = 'chloe@contoso.com'; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Launch' }
            ) | Add-ImContactToGroup -CreateContact -CreateGroup -MaxRetryWait 300
            """);

        // A terminating error ends the statement: one record, not one per row.
        var terminating = Assert.Single(result.Errors);
        Assert.StartsWith("EwsBlockedByPolicy", terminating.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, terminating.CategoryInfo.Category);
        var message = terminating.Exception.Message;
        Assert.Contains("X-EWS-Policy-Reason: EwsPolicyBlocked", message);
        Assert.Contains("EwsAllowedAppIDs", message);
        Assert.Contains("1 April 2027", message);

        // Not retried: at most one request per row went out.
        Assert.True(Simulator.Requests.Count(r => r.StatusCode == 403) <= 3, result.AllText());
    }

    [Fact]
    public void A_readiness_report_refused_by_the_tenant_ends_at_once_not_with_a_failed_row_per_mailbox()
    {
        QueueTenantBlock();

        Simulator.Store.SeedReadinessMailboxes(10);
        var result = RunConnected("0..9 | ForEach-Object { \"r$_@contoso.com\" } | Measure-ImContactList");

        var terminating = Assert.Single(result.Errors);
        Assert.StartsWith("EwsBlockedByPolicy", terminating.FullyQualifiedErrorId);
        Assert.DoesNotContain(result.Output, o => o.Properties["Verdict"]?.Value?.ToString() == "Failed");
    }

    [Fact]
    public void A_mailbox_without_EWS_rights_fails_alone_and_says_why()
    {
        Simulator.Faults.Reject("GetImItemList", "ErrorInvalidLicense");
        var result = RunConnected("""
            'ana@contoso.com', 'ben@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = $_ } } | Get-ImItemList
            """);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("ErrorInvalidLicense", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
            Assert.Contains("Kiosk, F1 and F3", e.Exception.Message);
        });
    }
}
