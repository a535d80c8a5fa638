using ImContacts.Lists;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The file formats without PowerShell: Sync's desired-state CSV, and snapshot files written and read back.</summary>
public sealed class ListFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("imcontacts-files-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    private string Csv(string text)
    {
        var path = Path.Combine(folder, "state.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static (List<DesiredList> Ready, List<string> Rejected) Read(DesiredStateFile file, DesiredStateRows rows)
    {
        var ready = new List<DesiredList>();
        var rejected = new List<string>();
        file.Read(rows, mailbox => Mailboxes.For(MailboxAddress.Normalize(mailbox, "Mailbox")), (row, id, message) => rejected.Add($"{row.Line} {id}"), ready.Add);
        Assert.True(file.Grouped ? rows.InOrder.Count == 0 : ready.Count == 0);
        ready.AddRange(rows.InOrder);
        return (ready, rejected);
    }

    [Fact]
    public void Grouped_rows_hand_over_each_mailbox_when_its_rows_end_and_bad_rows_count_against_their_mailbox()
    {
        var file = DesiredStateFile.Open(Csv("Mailbox,GroupName,ImAddress\nana@contoso.com,Team,kim@contoso.com\nana@contoso.com,Team,not an address\nben@contoso.com,,lee@contoso.com\nben@contoso.com,Team\n"), "state.csv");

        var (ready, rejected) = Read(file, new DesiredStateRows(null));

        Assert.True(file.Grouped);
        Assert.Equal(new[] { "ana@contoso.com", "ben@contoso.com" }, ready.Select(d => d.Mailbox.Name));
        Assert.Equal(new[] { "3 InvalidImAddress", "5 InvalidCsvRow" }, rejected);
        Assert.Equal((1, 0), (ready[0].RejectedRows, ready[1].RejectedRows));
        Assert.Equal(new[] { "lee@contoso.com" }, ready[1].Contacts.Select(c => c.ImAddress));
    }

    [Fact]
    public void Ungrouped_rows_are_gathered_first_and_only_this_part_is_read()
    {
        var text = "mailbox,imaddress,groupname\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"m{i % 8}@contoso.com,c{i}@contoso.com,Team\n"));
        var file = DesiredStateFile.Open(Csv(text), "state.csv");
        var rows = new DesiredStateRows(MailboxPartition.Parse("1/2"));

        var (ready, _) = Read(file, rows);

        Assert.False(file.Grouped);
        Assert.All(ready, d => Assert.Equal(1, MailboxPartition.PartOf(d.Mailbox.Name, 2)));
        Assert.Equal(40, ready.Sum(d => d.Contacts.Count) + rows.OtherParts);
        Assert.Equal(ready.Select(d => d.Mailbox).Distinct().Count(), ready.Count);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("Mailbox,Group,ImAddress\n", "lacks GroupName")]
    public void A_file_without_the_columns_is_refused_naming_what_it_lacks(string text, string why) =>
        Assert.Contains(why, Assert.Throws<InvalidDataException>(() => DesiredStateFile.Open(Csv(text), "state.csv")).Message);

    [Fact]
    public void A_missing_file_is_FileNotFound_naming_the_path_as_given() =>
        Assert.Contains("-Path 'nothing.csv'", Assert.Throws<FileNotFoundException>(() => DesiredStateFile.Open(Path.Combine(folder, "nothing.csv"), "nothing.csv")).Message);

    [Fact]
    public void Snapshots_written_one_per_mailbox_or_all_in_one_file_read_back_the_same()
    {
        var snapshots = new[] { Snapshot("ana@contoso.com"), Snapshot("b/en@contoso.com"), Snapshot(null) };
        using (var perMailbox = SnapshotWriter.IntoFolder(Path.Combine(folder, "lists")))
        {
            foreach (var snapshot in snapshots)
            {
                perMailbox.Write(snapshot, "CONTOSO\\admin");
            }
        }

        using (var one = SnapshotWriter.IntoFile(Path.Combine(folder, "all.json")))
        {
            foreach (var snapshot in snapshots)
            {
                one.Write(snapshot, null);
            }
        }

        var files = SnapshotFiles.Find(Path.Combine(folder, "lists"), "lists");
        Assert.Equal(new[] { "CONTOSO_admin.json", "ana@contoso.com.json", "b_en@contoso.com.json" }, files.Select(Path.GetFileName));
        var fromFolder = files.SelectMany(SnapshotFiles.Read).ToList();
        var fromFile = SnapshotFiles.Read(Path.Combine(folder, "all.json")).ToList();
        Assert.Equal(new[] { "ana@contoso.com", "b/en@contoso.com", null }, fromFile.Select(s => s.Mailbox));
        Assert.Equal(fromFile.Select(Shape).Order(), fromFolder.Select(Shape).Order());
    }

    [Fact]
    public void A_file_of_all_snapshots_with_none_written_is_an_empty_array()
    {
        var path = Path.Combine(folder, "none.json");
        using (var writer = SnapshotWriter.IntoFile(path))
        {
            Assert.True(writer.FileUnwritten);
            writer.WriteEmptyFile();
        }

        Assert.Empty(SnapshotFiles.Read(path));
    }

    [Fact]
    public void A_path_that_names_nothing_is_FileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => SnapshotFiles.Find(Path.Combine(folder, "missing"), "missing"));

    private static ImContactListSnapshot Snapshot(string? mailbox) => new(mailbox, DateTimeOffset.Parse("2026-12-07T08:00:00Z"), "15.2.1544.4",
        new[] { new ImSnapshotGroup("Team", ImGroupKinds.UserGroup, null), new ImSnapshotGroup("Other Contacts", ImGroupKinds.OtherContacts, null) },
        new[] { new ImSnapshotContact("kim@contoso.com", "Kim", null, new[] { "Team", "Other Contacts" }) });

    private static string Shape(ImContactListSnapshot snapshot) =>
        $"{snapshot.Mailbox}|{string.Join(",", snapshot.Groups.Select(g => g.Name + ":" + g.Kind))}|{string.Join(",", snapshot.Contacts.Select(c => c.ImAddress + ":" + string.Join("+", c.Groups)))}";
}
