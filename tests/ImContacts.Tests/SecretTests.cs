using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>No password or token reaches verbose, debug, warning, information, error output or exceptions.</summary>
public sealed class SecretTests : SimulatorTest
{
    private const string Script = """
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
        $c = Connect-ImService -Url $url @signIn -PassThru -Verbose -Debug
        $c | ForEach-Object { $_.ToString(); $_.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
        Get-ImItemList -Mailbox ana@contoso.com -Verbose -Debug
        Add-ImContactToGroup -ContactId 'Ym9ndXM=' -GroupId 'Ym9ndXM=' -Mailbox ana@contoso.com -Verbose -Debug
        Add-ImContactToGroup -ContactId 'Ym9ndXM=' -Mailbox nobody@contoso.com -Verbose -Debug
        Get-ImItem -ContactId 'Ym9ndXM=' -Mailbox ana@contoso.com -Verbose -Debug
        """;

    [Fact]
    public void Password_never_appears_in_any_stream()
    {
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["Credential"] = AdminCredential },
        });
        AssertRanAndLeakedNothing(result, SimulatorAccounts.Admin.Password);
    }

    [Fact]
    public void Wrong_password_never_appears_either()
    {
        const string wrong = "Wrong-Secret-Pass9";
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["Credential"] = Credential(SimulatorAccounts.Admin.UserName, wrong) },
        });
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("Http401,"));
        Assert.DoesNotContain(wrong, result.AllText());
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin@contoso.com:" + wrong)), result.AllText());
    }

    [Fact]
    public void Access_token_never_appears_in_any_stream()
    {
        var token = new System.Net.NetworkCredential(string.Empty, SimulatorAccounts.Admin.BearerToken).SecurePassword;
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["AccessToken"] = token },
        });
        AssertRanAndLeakedNothing(result, SimulatorAccounts.Admin.BearerToken!);
    }

    private void AssertRanAndLeakedNothing(ScriptResult result, string secret)
    {
        Assert.Null(result.Terminating);
        Assert.NotEmpty(result.Verbose);
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ErrorInvalidIdMalformed,"));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ErrorNonExistentMailbox,"));
        Assert.True(Answered.Count >= 4);
        Assert.DoesNotContain(secret, result.AllText());
    }
}
