namespace ImContacts.Tests;

/// <summary>Measure-ImContactList: one read per mailbox, the numbers and verdicts of every list shape, failures as results, CSV.</summary>
public sealed class MeasureTests : SimulatorTest, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("imcontacts-measure-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    // Mailbox, Verdict, Contacts, UserGroups, DistributionGroups, TelephoneContacts, UngroupedContacts, EmptyGroups,
    // ContactHeadroom, GroupHeadroom, ExternalContacts, LeftBehind, ContactsBeyondLimit, GroupsBeyondLimit, Reasons:
    // each shape SeedReadinessMailboxes makes, as -InternalDomain contoso.com sees it.
    private static readonly string[] Shapes =
    {
        "r0@contoso.com Ready 3 1 0 0 0 0 997 63 0 0 0 0 ",
        "r1@contoso.com NotReady 3 1 1 0 0 0 997 62 0 1 0 0 1 distribution group(s) left behind",
        "r2@contoso.com NotReady 4 1 0 1 0 0 996 63 0 1 0 0 1 telephone contact(s) left behind",
        "r3@contoso.com Review 5 1 0 0 0 0 995 63 2 0 0 0 2 contact(s) outside -InternalDomain: Teams needs external access for their domains",
        "r4@contoso.com Ready 0 0 0 0 0 0 1000 64 0 0 0 0 empty list (a user not in Unified Contact Store keeps contacts on Skype for Business Server)",
        "r5@contoso.com Ready 5 2 0 0 2 1 995 62 0 0 0 0 ",
        "r6@contoso.com Ready 1000 64 0 0 0 63 0 0 0 0 0 0 ",
        "r7@contoso.com NotReady 1001 65 0 0 0 64 0 0 0 2 1 1 1,001 contacts: 1 beyond the 1,000 Teams takes; 65 user groups: 1 beyond the 64 Teams takes",
        "r26@contoso.com Ready 3 1 0 0 0 0 997 63 0 0 0 0 ",
    };

    private const string Line = "\"$($_.Mailbox) $($_.Verdict) $($_.Contacts) $($_.UserGroups) $($_.DistributionGroups) $($_.TelephoneContacts) $($_.UngroupedContacts) $($_.EmptyGroups) $($_.ContactHeadroom) $($_.GroupHeadroom) $($_.ExternalContacts) $($_.LeftBehind) $($_.ContactsBeyondLimit) $($_.GroupsBeyondLimit) $($_.Reasons)\"";

    [Fact]
    public void Five_hundred_lists_give_the_right_numbers_and_verdicts_one_read_each_with_failures_as_results_and_export_to_csv()
    {
        var mailboxes = Simulator.Store.SeedReadinessMailboxes(500);
        var csv = Path.Combine(root, "readiness.csv");
        var input = mailboxes.Take(250).Append("gone@contoso.com").Append("not an address").Concat(mailboxes.Skip(250)).ToArray();

        var run = RunConnected($$"""
            $report = $mailboxes | Measure-ImContactList -InternalDomain contoso.com -ThrottleLimit 8
            $report | Export-Csv -Path $csv -NoTypeInformation
            $rows = Import-Csv -Path $csv
            "count $($report.Count) $($rows.Count)"
            $report | ForEach-Object { {{Line}} }
            $rows | Where-Object Verdict -eq Failed | ForEach-Object { "failed $($_.Mailbox) $($_.ErrorCode) [$($_.Contacts)] $($_.Error)" }
            $rows | Group-Object Verdict | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }
            ($rows | Measure-Object -Property LeftBehind -Sum).Sum
            """, new Dictionary<string, object?> { ["mailboxes"] = input, ["csv"] = csv });

        Assert.True(run.Errors.Count == 0, run.AllText());
        var lines = run.Output.Select(o => o.ToString()!).ToList();
        Assert.Equal("count 502 502", lines[0]);

        // In input order, one per input: the shapes, then the two inputs that name no mailbox where they were given.
        var reports = lines.Skip(1).Take(502).ToList();
        Assert.Equal(input.Select(m => m.Contains('@') ? m : "not an address"), reports.Select(r => r.StartsWith("not an address", StringComparison.Ordinal) ? "not an address" : r.Split(' ')[0]));
        foreach (var shape in Shapes)
        {
            Assert.Contains(shape, reports);
        }

        Assert.Equal("r106@contoso.com Ready 1000 64 0 0 0 63 0 0 0 0 0 0 ", reports.Single(r => r.StartsWith("r106@", StringComparison.Ordinal)));
        Assert.Equal("failed gone@contoso.com ErrorNonExistentMailbox [] GetImItemList for mailbox 'gone@contoso.com' failed with ErrorNonExistentMailbox: The SMTP address has no mailbox associated with it.", lines[503]);
        Assert.Equal("failed not an address InvalidMailbox [] -Mailbox (the piped string) 'not an address' is not an SMTP address such as ana@contoso.com.", lines[504]);

        // 25 lists with a distribution group, 25 with a telephone contact and 5 over the limits; 25 with external contacts.
        Assert.Equal(new[] { "Failed 2", "NotReady 55", "Ready 420", "Review 25" }, lines.Skip(505).Take(4));
        Assert.Equal((25 + 25 + 5 * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), lines[509]);

        // One read per mailbox that exists and one for the one that does not; nothing for an input that names none.
        Assert.Equal(501, Answered.Count);
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));
        Assert.Equal(501, Answered.Select(r => r.ImpersonatedAddress).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        Assert.Contains("Measure-ImContactList: 502 mailbox(es): 420 ready, 25 to review, 55 not ready, 2 failed.", run.Information);
        Assert.Contains(run.Warnings, w => w.StartsWith("2 list(s) could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshots_give_the_same_report_without_a_connection_and_without_domains_nothing_is_external()
    {
        var mailboxes = Simulator.Store.SeedReadinessMailboxes(8);
        var folder = Path.Combine(root, "snapshots") + Path.DirectorySeparatorChar;
        var live = RunConnected($$"""
            $mailboxes | Export-ImContactList -Path $folder
            $mailboxes | Measure-ImContactList -InternalDomain '*.CONTOSO.com' | ForEach-Object { {{Line}} }
            """, new Dictionary<string, object?> { ["mailboxes"] = mailboxes.ToArray(), ["folder"] = folder });
        Assert.True(live.Errors.Count == 0, live.AllText());

        using var offline = new PowerShellSession();
        var fromFiles = offline.Run($$"""
            Measure-ImContactList -Path $folder -InternalDomain contoso.com | Sort-Object { [int]($_.Mailbox -replace '\D') } | ForEach-Object { {{Line}} }
            Measure-ImContactList -Path $folder | Where-Object Mailbox -eq r3@contoso.com | ForEach-Object { "no domains: $($_.Verdict) [$($_.ExternalContacts)]" }
            'r0@contoso.com' | Measure-ImContactList -Path $folder | Out-Null
            """, new Dictionary<string, object?> { ["folder"] = folder });

        var refused = Assert.Single(fromFiles.Errors);
        Assert.StartsWith("InvalidMailbox,", refused.FullyQualifiedErrorId);
        Assert.Equal("r0@contoso.com", refused.TargetObject?.ToString());
        Assert.Equal(live.Output.Select(o => o.ToString()), fromFiles.Output.Take(8).Select(o => o.ToString()));
        Assert.Equal(Shapes.Take(8), live.Output.Select(o => o.ToString()));
        Assert.Equal("no domains: Ready []", fromFiles.Output[8].ToString());
    }

    [Fact]
    public void A_bad_internal_domain_stops_the_run_before_anything_is_read_naming_the_parameter_and_the_value()
    {
        Simulator.Store.SeedReadinessMailboxes(2);
        var run = RunConnected("try { 'r0@contoso.com' | Measure-ImContactList -InternalDomain contoso.com, 'contoso com' } catch { \"$($_.FullyQualifiedErrorId)|$_\" }");

        Assert.True(run.Errors.Count == 0, run.AllText());
        var error = Assert.Single(run.Output).ToString()!;
        Assert.StartsWith("InvalidInternalDomain,", error);
        Assert.Contains("|-InternalDomain 'contoso com' is not a domain such as contoso.com", error);
        Assert.Empty(Answered);
    }
}
