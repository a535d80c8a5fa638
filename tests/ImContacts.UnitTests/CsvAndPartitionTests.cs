using ImContacts.Lists;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class CsvAndPartitionTests
{
    private static List<string> Records(string text) =>
        CsvRecords.Read(new StringReader(text)).Select(r => $"{r.Line}:" + string.Join("|", r.Fields)).ToList();

    [Fact]
    public void Records_follow_RFC_4180_quotes_doubled_quotes_line_breaks_and_empty_last_cells()
    {
        Assert.Equal(new[] { "1:a|b|c", "2:1|2|", "4:x|\"q\" y|z\nw", "6:1|2|" },
            Records("a,b,c\r\n1,2,\r\n\r\nx,\"\"\"q\"\" y\",\"z\nw\"\n1,2,"));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_its_line() =>
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => Records("a,b\n\"open,1\n")).Message);

    [Fact]
    public void Every_mailbox_falls_into_exactly_one_part_the_same_in_any_case()
    {
        var mailboxes = Enumerable.Range(0, 2000).Select(i => $"m{i}@contoso.com").ToList();
        var parts = Enumerable.Range(1, 4).Select(k => MailboxPartition.Parse($"{k}/4")).ToList();
        Assert.All(mailboxes, m => Assert.Single(parts, p => p.Contains(m)));
        Assert.All(parts, p => Assert.InRange(mailboxes.Count(p.Contains), 400, 600));
        Assert.Equal(MailboxPartition.PartOf("Ana@Contoso.com ", 7), MailboxPartition.PartOf("ana@contoso.com", 7));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/1001")]
    public void A_bad_partition_is_refused_naming_it(string text) =>
        Assert.Contains($"-Partition '{text}'", Assert.Throws<ArgumentException>(() => MailboxPartition.Parse(text)).Message);
}
