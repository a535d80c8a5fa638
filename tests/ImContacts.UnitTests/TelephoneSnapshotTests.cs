using System.Text;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Snapshots carry telephone contacts (format version 2), and a plan puts them back as telephone contacts.</summary>
public sealed class TelephoneSnapshotTests
{
    private static readonly ItemId Team = new("R1RlYW0=", "EgAAAA==");
    private static readonly ItemId Kim = new("Q0tpbQ==", "EQAAAA==");
    private static readonly ItemId Phone = new("UGhvbmU=", "EQAAAA==");
    private static readonly ItemId Bare = new("QmFyZQ==", "EQAAAA==");

    private static ImItemList List()
    {
        var groups = new List<ImGroup>
        {
            new("Team", ImGroupTypes.UserGroup, Team, new[] { Kim, Phone, Bare }, Array.Empty<ExtendedPropertyValue>(), null, "m@contoso.com"),
        };
        var personas = new List<Persona> { ResolutionTests.Person(Kim, "Kim", "sip:kim@contoso.com"), ResolutionTests.Person(Phone, "Phone", "sip:+14255550100@contoso.com;user=phone"), ResolutionTests.Person(Bare, "No address", null) };
        return new ImItemList(groups, personas, "m@contoso.com");
    }

    [Theory]
    [InlineData("sip:+14255550100@contoso.com;user=phone", "tel:+14255550100", "+14255550100")]
    [InlineData("SIP:+44-20-7946-0958@fabrikam.com;user=phone", "tel:+44-20-7946-0958", "+44-20-7946-0958")]
    [InlineData("tel:+14255550100;ext=12", "tel:+14255550100;ext=12", "+14255550100")]
    [InlineData("sip:kim@contoso.com", null, null)]
    [InlineData("sip:kim@contoso.com;user=phone", null, null)]
    [InlineData(null, null, null)]
    public void A_telephone_contacts_IM_address_gives_its_tel_URI_and_number(string? imAddress, string? telUri, string? number)
    {
        var telephone = TelUris.OfImAddress(imAddress);

        Assert.Equal(telUri, telephone?.TelUri);
        Assert.Equal(number, telephone?.Number);
    }

    [Fact]
    public void A_snapshot_keeps_telephone_contacts_and_reads_back_the_same()
    {
        var snapshot = Snapshots.From(List(), "m@contoso.com", DateTimeOffset.Parse("2026-12-07T03:00:00Z"), "15.0.1497.2", out var unnamed);

        Assert.Equal(1, unnamed);
        Assert.Equal(2, snapshot.FormatVersion);
        var phone = Assert.Single(snapshot.Contacts, c => c.IsTelephone);
        Assert.Equal(("+14255550100@contoso.com;user=phone", "tel:+14255550100", "+14255550100"), (phone.ImAddress, phone.TelUri!, phone.TelephoneNumber!));
        Assert.False(snapshot.Contacts.Single(c => c.ImAddress == "kim@contoso.com").IsTelephone);

        using var stream = new MemoryStream();
        using (var writer = SnapshotJson.CreateWriter(stream))
        {
            SnapshotJson.Write(writer, snapshot);
        }

        stream.Position = 0;
        var read = SnapshotJson.Read(stream, "test").Single();
        Assert.Equal(2, read.FormatVersion);
        Assert.Equal(snapshot.Contacts.Select(c => (c.ImAddress, c.TelUri, c.TelephoneNumber, string.Join(",", c.Groups))),
            read.Contacts.Select(c => (c.ImAddress, c.TelUri, c.TelephoneNumber, string.Join(",", c.Groups))));
    }

    [Fact]
    public void A_missing_telephone_contact_is_planned_as_one_and_created_with_its_tel_URI()
    {
        var snapshot = Snapshots.From(List(), "m@contoso.com", DateTimeOffset.Now, null, out _);
        var empty = Mailboxes.State(new ImItemList(Array.Empty<ImGroup>(), Array.Empty<Persona>(), "n@contoso.com"));

        var plan = ListPlanner.Plan(empty, Snapshots.Desired(snapshot, Mailboxes.For("n@contoso.com")), MirrorScope.WholeList);

        var create = Assert.Single(plan, c => c.Action == ListChangeAction.CreateContact && c.Telephone is not null);
        Assert.Equal(("+14255550100@contoso.com;user=phone", "tel:+14255550100", "+14255550100"), (create.ContactAddress!, create.Telephone!.TelUri!, create.Telephone.TelephoneNumber!));
        Assert.Null(Assert.Single(plan, c => c.Action == ListChangeAction.CreateContact && c.ContactAddress == "kim@contoso.com").Telephone);
    }

    [Fact]
    public void Mirroring_a_version_1_snapshot_never_removes_the_telephone_contacts_it_could_not_hold()
    {
        const string V1 = "{\"format\":\"ImContacts.ContactList\",\"version\":1,\"mailbox\":\"m@contoso.com\",\"groups\":[{\"name\":\"Team\",\"kind\":\"UserGroup\"}],\"contacts\":[]}";
        var v1 = SnapshotJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(V1)), "v1").Single();
        var v2 = new ImContactListSnapshot("m@contoso.com", DateTimeOffset.Now, null, v1.Groups, v1.Contacts);

        var fromV1 = ListPlanner.Plan(Mailboxes.State(List()), Snapshots.Desired(v1, Mailboxes.For("m@contoso.com")), MirrorScope.WholeList);
        var fromV2 = ListPlanner.Plan(Mailboxes.State(List()), Snapshots.Desired(v2, Mailboxes.For("m@contoso.com")), MirrorScope.WholeList);

        Assert.Equal(1, v1.FormatVersion);
        Assert.Equal(new[] { "RemoveMember Team kim@contoso.com", "RemoveMember Team" }, fromV1.Select(c => c.ToString()));
        Assert.Contains("RemoveMember Team +14255550100@contoso.com;user=phone", fromV2.Select(c => c.ToString()));
    }

    [Fact]
    public void A_telephone_contact_with_a_broken_tel_URI_is_refused_naming_it()
    {
        const string Broken = "{\"format\":\"ImContacts.ContactList\",\"version\":2,\"groups\":[],\"contacts\":[{\"imAddress\":\"+1@contoso.com;user=phone\",\"telUri\":\"+1 425\",\"telephoneNumber\":\"+1 425\",\"groups\":[]}]}";

        var error = Assert.Throws<InvalidDataException>(() => SnapshotJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(Broken)), "broken.json").Single());

        Assert.Contains("broken.json: telephone contact '+1@contoso.com;user=phone'", error.Message);
        Assert.Contains("does not start with tel:", error.Message);
    }
}
