using ImContacts.Lists;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>A run's before-images: one per mailbox, written once, each file complete or absent.</summary>
public sealed class RunBackupTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("imcontacts-backups-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static ImContactListSnapshot Snapshot(string mailbox, params string[] contacts) =>
        new(mailbox, DateTimeOffset.Parse("2026-12-07T04:00:00Z"), "15.0.1497.2",
            new[] { new ImSnapshotGroup("Team", "UserGroup", null) }, contacts.Select(c => new ImSnapshotContact(c, null, null, new[] { "Team" })).ToList());

    [Fact]
    public void Each_mailbox_is_written_once_before_its_first_change_and_read_back_whole()
    {
        var backup = RunBackup.Create(root, DateTimeOffset.Parse("2026-12-07T04:05:06Z"), "Sync-ImContactList");
        var ana = Mailboxes.For("ana@contoso.com");

        var file = backup.Keep(ana, () => Snapshot("ana@contoso.com", "kim@contoso.com"));
        var again = backup.Keep(Mailboxes.For("ANA@contoso.com"), () => throw new InvalidOperationException("written twice"));

        Assert.Equal(file, again);
        Assert.Equal(file, backup.FileOf(ana));
        Assert.Equal(Path.Combine(root, "20261207-040506-Sync-ImContactList", "ana@contoso.com.json"), file);
        Assert.Equal(new[] { "kim@contoso.com" }, SnapshotFiles.Read(file).Single().Contacts.Select(c => c.ImAddress));
        Assert.Equal(new[] { file }, Directory.GetFiles(backup.Folder));
        Assert.Equal(1, backup.Count);
    }

    [Fact]
    public void Runs_started_in_the_same_second_get_folders_of_their_own_and_an_unused_one_is_taken_away()
    {
        var at = DateTimeOffset.Parse("2026-12-07T04:05:06Z");
        var first = RunBackup.Create(root, at, "Remove-ImGroup");
        var second = RunBackup.Create(root, at, "Remove-ImGroup");
        first.Keep(Mailboxes.For("ana@contoso.com"), () => Snapshot("ana@contoso.com"));

        first.Close();
        second.Close();

        Assert.EndsWith("20261207-040506-Remove-ImGroup-2", second.Folder);
        Assert.True(Directory.Exists(first.Folder));
        Assert.False(Directory.Exists(second.Folder));
    }

    [Fact]
    public void Two_addresses_that_make_one_file_name_get_two_files()
    {
        var backup = RunBackup.Create(root, DateTimeOffset.Now, "Remove-ImContact");

        var one = backup.Keep(Mailboxes.For("a/b@contoso.com"), () => Snapshot("a/b@contoso.com"));
        var other = backup.Keep(Mailboxes.For("a:b@contoso.com"), () => Snapshot("a:b@contoso.com"));

        Assert.NotEqual(one, other);
        Assert.Equal(new[] { "a/b@contoso.com", "a:b@contoso.com" }, new[] { one, other }.Select(f => SnapshotFiles.Read(f).Single().Mailbox));
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_no_file_and_no_partial_one()
    {
        var path = Path.Combine(root, "ana@contoso.com.json");

        Assert.Throws<IOException>(() => RunBackup.WriteWhole(path, stream =>
        {
            stream.Write(new byte[] { (byte)'{' }, 0, 1);
            throw new IOException("The disk is full.");
        }));

        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void A_file_is_absent_until_it_is_complete()
    {
        var path = Path.Combine(root, "ana@contoso.com.json");
        var seenWhileWriting = true;

        RunBackup.WriteWhole(path, stream =>
        {
            stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            seenWhileWriting = File.Exists(path) || Directory.GetFiles(root, "*.json").Length > 0;
        });

        Assert.False(seenWhileWriting);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void A_before_image_that_cannot_be_written_fails_naming_the_mailbox_and_the_file()
    {
        var backup = RunBackup.Create(root, DateTimeOffset.Now, "Sync-ImContactList");
        Directory.Delete(backup.Folder);

        var error = Assert.Throws<BackupException>(() => backup.Keep(Mailboxes.For("ana@contoso.com"), () => Snapshot("ana@contoso.com")));

        Assert.Contains("The before-image of ana@contoso.com could not be written to", error.Message);
        Assert.Contains("Nothing was changed in that mailbox.", error.Message);
        Assert.Null(backup.FileOf(Mailboxes.For("ana@contoso.com")));
    }
}
