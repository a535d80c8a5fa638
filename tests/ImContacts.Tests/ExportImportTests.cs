using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Export-ImContactList and Import-ImContactList: snapshots by names, put back into any mailbox, exactly.</summary>
public sealed class ExportImportTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";
    private const string Chloe = "chloe@contoso.com";

    [Fact]
    public void An_export_imported_into_an_empty_mailbox_reproduces_it_a_rerun_changes_nothing_and_Mirror_removes_exactly_the_rest()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var team = Simulator.Store.SeedGroup(Ana, "Team & Co <EMEA>");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX, team);
        Simulator.Store.SeedContact(Ana, "lee@contoso.com", "Lee \"Q\" Gu", false, projectX);
        Simulator.Store.SeedDistributionGroup(Ana, "sales@contoso.com", "Sales");
        var folder = Directory.CreateTempSubdirectory("imcontacts-export-").FullName;

        var export = RunConnected("Export-ImContactList -Mailbox ana@contoso.com -Path ($folder + '/') -PassThru | ForEach-Object { \"$($_.Mailbox) $($_.Groups.Count) $($_.Contacts.Count)\" }",
            new Dictionary<string, object?> { ["folder"] = folder });
        Assert.True(export.Errors.Count == 0, export.AllText());
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith("ana@contoso.com.json", file);
        Assert.Contains("\"format\": \"ImContacts.ContactList\"", File.ReadAllText(file));

        var import = RunConnected("(Import-ImContactList -Path $folder -Mailbox chloe@contoso.com -PassThru | Where-Object Action -eq Summary).Status",
            new Dictionary<string, object?> { ["folder"] = folder });
        Assert.True(import.Errors.Count == 0, import.AllText());
        Assert.Equal("Done", import.Output.Single().ToString());
        AssertSameList(Ana, Chloe);

        Simulator.ClearRequests();
        var again = RunConnected("(Import-ImContactList -Path $folder -Mailbox chloe@contoso.com -PassThru).Status", new Dictionary<string, object?> { ["folder"] = folder });
        Assert.Equal("Unchanged", again.Output.Single().ToString());
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));

        // Chloe gains a group, a membership and a distribution group the snapshot lacks: -Mirror removes exactly those.
        var extra = Simulator.Store.SeedGroup(Chloe, "Extra");
        Simulator.Store.SeedContact(Chloe, "zed@contoso.com", "Zed", false, extra);
        Simulator.Store.SeedDistributionGroup(Chloe, "hr@contoso.com", "HR");
        var mirror = RunConnected("Import-ImContactList -Path $folder -Mailbox chloe@contoso.com -Mirror -Confirm:$false -PassThru | Where-Object Action -ne Summary | ForEach-Object { \"$($_.Action) $($_.Group)\" }",
            new Dictionary<string, object?> { ["folder"] = folder });
        Assert.True(mirror.Errors.Count == 0, mirror.AllText());
        Assert.Equal(new[] { "RemoveDistributionGroup HR <hr@contoso.com>", "RemoveGroup Extra" }, mirror.Output.Select(o => o.ToString()).Order());
        AssertSameList(Ana, Chloe);
        Assert.DoesNotContain(Simulator.Store.ContactAddresses(Chloe), a => a.Contains("zed", StringComparison.Ordinal));
    }

    [Fact]
    public void One_file_holds_many_snapshots_and_piped_snapshots_copy_one_list_to_many_mailboxes()
    {
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, Simulator.Store.SeedGroup(Ana, "Launch"));
        var file = Path.Combine(Path.GetTempPath(), $"imcontacts-{Guid.NewGuid():N}.json");
        var result = RunConnected("""
            'ana@contoso.com', 'ben@contoso.com' | ForEach-Object { [pscustomobject]@{ PrimarySmtpAddress = $_ } } | Export-ImContactList -Path $file
            (Get-Content $file -Raw | ConvertFrom-Json).mailbox -join ','
            Export-ImContactList -Mailbox ana@contoso.com | Import-ImContactList -Mailbox ben@contoso.com, chloe@contoso.com -PassThru |
                Where-Object Action -eq Summary | ForEach-Object { "$($_.Mailbox) $($_.Status)" }
            """, new Dictionary<string, object?> { ["file"] = file });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "ana@contoso.com,ben@contoso.com", "ben@contoso.com Done", "chloe@contoso.com Done" }, result.Output.Select(o => o.ToString()));
        AssertSameList(Ana, "ben@contoso.com");
        AssertSameList(Ana, Chloe);
    }

    [Fact]
    public void A_file_that_is_not_a_snapshot_is_an_error_naming_it_and_the_other_files_are_imported()
    {
        var folder = Directory.CreateTempSubdirectory("imcontacts-bad-").FullName;
        File.WriteAllText(Path.Combine(folder, "a.json"), "{\"format\":\"Something.Else\",\"version\":1}");
        File.WriteAllText(Path.Combine(folder, "b.json"), "{\"format\":\"ImContacts.ContactList\",\"version\":3}");
        File.WriteAllText(Path.Combine(folder, "c.json"), "not json");
        File.WriteAllText(Path.Combine(folder, "d.json"), "{\"format\":\"ImContacts.ContactList\",\"version\":1,\"mailbox\":\"chloe@contoso.com\",\"groups\":[{\"name\":\"Fresh\",\"kind\":\"UserGroup\"}],\"contacts\":[]}");
        var result = RunConnected("(Import-ImContactList -Path $folder -PassThru | Where-Object Action -ne Summary).Group", new Dictionary<string, object?> { ["folder"] = folder });

        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("InvalidSnapshot,", e.FullyQualifiedErrorId));
        Assert.Contains("not an ImContacts snapshot", result.Errors[0].Exception.Message);
        Assert.Contains("format version 3", result.Errors[1].Exception.Message);
        Assert.Equal("Fresh", result.Output.Single().ToString());
    }

    [Fact]
    public void A_list_with_telephone_contacts_a_distribution_group_and_a_contact_in_several_groups_is_restored_exactly()
    {
        var file = Path.Combine(Path.GetTempPath(), $"imcontacts-{Guid.NewGuid():N}.json");
        var restored = Path.Combine(Path.GetTempPath(), $"imcontacts-{Guid.NewGuid():N}.json");
        var result = RunConnected("""
            $null = New-ImGroup -Mailbox ana@contoso.com -DisplayName Team
            $null = New-ImGroup -Mailbox ana@contoso.com -DisplayName Launch
            $null = Add-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com -DisplayName Sales
            $phone = New-ImContact -Mailbox ana@contoso.com -TelUri 'tel:+14255550100' -SipUri 'sip:+14255550100@contoso.com;user=phone' -TelephoneNumber '+14255550100' -GroupName Team
            $null = Add-ImContactToGroup -Mailbox ana@contoso.com -ContactId $phone.ContactId -GroupName Launch
            $null = New-ImContact -Mailbox ana@contoso.com -ImAddress kim@contoso.com -DisplayName 'Kim Akers' -GroupName Team
            $null = Add-ImContactToGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupName Launch
            $null = Add-ImContactToGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupName Favorites
            Export-ImContactList -Mailbox ana@contoso.com -Path $file
            'Team', 'Launch' | ForEach-Object { Remove-ImGroup -Mailbox ana@contoso.com -GroupName $_ -Confirm:$false }
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com -Confirm:$false
            "left: $((Get-ImItemList -Mailbox ana@contoso.com).Personas.Count)"
            (Import-ImContactList -Path $file -Mirror -Confirm:$false -PassThru | Where-Object Action -eq Summary).Status
            Export-ImContactList -Mailbox ana@contoso.com -Path $restored
            """, new Dictionary<string, object?> { ["file"] = file, ["restored"] = restored });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "left: 1", "Done" }, result.Output.Select(o => o.ToString()));
        var before = Describe(file);
        Assert.Contains("contact +14255550100@contoso.com;user=phone 'tel:+14255550100' +14255550100@contoso.com;user=phone tel:+14255550100 +14255550100 in Launch,Team", before);
        Assert.Contains("contact kim@contoso.com 'Kim Akers' kim@contoso.com   in Favorites,Launch,Team", before);
        Assert.Contains("group Sales DistributionGroup sales@contoso.com", before);
        Assert.Contains("\"version\": 2", File.ReadAllText(file));
        Assert.Equal(before, Describe(restored));
        Assert.Contains("tel:+14255550100", Simulator.Store.Get(Ana).Contacts.Select(c => c.TelUri));
    }

    [Fact]
    public void A_version_1_snapshot_is_read_and_its_mirror_leaves_telephone_contacts_it_could_not_hold()
    {
        var folder = Directory.CreateTempSubdirectory("imcontacts-v1-").FullName;
        File.WriteAllText(Path.Combine(folder, "ana.json"), "{\"format\":\"ImContacts.ContactList\",\"version\":1,\"mailbox\":\"ana@contoso.com\",\"groups\":[{\"name\":\"Team\",\"kind\":\"UserGroup\"}],\"contacts\":[{\"imAddress\":\"kim@contoso.com\",\"groups\":[\"Team\"]}]}");
        var result = RunConnected("""
            $null = New-ImGroup -Mailbox ana@contoso.com -DisplayName Team
            $null = New-ImContact -Mailbox ana@contoso.com -TelUri 'tel:+14255550100' -SipUri 'sip:+14255550100@contoso.com;user=phone' -TelephoneNumber '+14255550100' -GroupName Team
            $null = New-ImContact -Mailbox ana@contoso.com -ImAddress lee@contoso.com -GroupName Team
            Import-ImContactList -Path $folder -Mirror -Confirm:$false -PassThru | Where-Object Action -ne Summary | ForEach-Object { "$($_.Action) $($_.Contact)" }
            """, new Dictionary<string, object?> { ["folder"] = folder });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "CreateContact kim@contoso.com", "RemoveMember lee@contoso.com" }, result.Output.Select(o => o.ToString()).Order());
        Assert.Contains("tel:+14255550100", Simulator.Store.MembersOf(Ana, "Team"));
    }

    /// <summary>A whole list as its snapshot file shows it, in a stable order: every group and every contact with all it says.</summary>
    private static string Describe(string file)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        static string Field(System.Text.Json.JsonElement item, string name) => item.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
        // A file written with -Path <file> holds an array of snapshots, here of one.
        var root = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? json.RootElement.EnumerateArray().Single() : json.RootElement;
        var groups = root.GetProperty("groups").EnumerateArray().Select(g => $"group {Field(g, "name")} {Field(g, "kind")} {Field(g, "smtpAddress")}");
        var contacts = root.GetProperty("contacts").EnumerateArray().Select(c =>
            $"contact {Field(c, "imAddress")} '{Field(c, "displayName")}' {Field(c, "emailAddress")} {Field(c, "telUri")} {Field(c, "telephoneNumber")} in "
            + string.Join(",", c.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Order()));
        return string.Join("\n", groups.Order().Concat(contacts.Order()));
    }

    private void AssertSameList(string expected, string actual)
    {
        Assert.Equal(Simulator.Store.GroupNames(expected).Order(), Simulator.Store.GroupNames(actual).Order());
        foreach (var group in Simulator.Store.GroupNames(expected))
        {
            Assert.Equal(Simulator.Store.MembersOf(expected, group).Order(), Simulator.Store.MembersOf(actual, group).Order());
        }
    }
}
