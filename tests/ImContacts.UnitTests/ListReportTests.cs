using ImContacts.Lists;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>One list in numbers and its verdict for a move to Teams; internal domains as Exchange writes accepted domains.</summary>
public sealed class ListReportTests
{
    private static readonly InternalDomains Contoso = InternalDomains.Parse(new[] { "contoso.com" }, "InternalDomain");

    private static ImContactListSnapshot List(IEnumerable<ImSnapshotGroup> groups, IEnumerable<ImSnapshotContact> contacts, int version = ImContactListSnapshot.CurrentFormatVersion) =>
        new("ana@contoso.com", DateTimeOffset.Now, null, SystemGroups().Concat(groups).ToList(), contacts.ToList(), version);

    private static IEnumerable<ImSnapshotGroup> SystemGroups() => new[]
    {
        new ImSnapshotGroup("Favorites", "Favorites", null), new ImSnapshotGroup("Other Contacts", "OtherContacts", null), new ImSnapshotGroup("Tagged", "Tagged", null),
    };

    private static ImSnapshotGroup Group(string name) => new(name, "UserGroup", null);

    private static ImSnapshotContact Contact(string address, params string[] groups) => new(address, null, null, groups);

    private static ImSnapshotContact Phone(string number, params string[] groups) => new($"{number}@contoso.com;user=phone", null, null, groups, "tel:" + number, number);

    private static IEnumerable<ImSnapshotContact> Many(int count, string group) => Enumerable.Range(0, count).Select(i => Contact($"c{i}@contoso.com", group));

    [Fact]
    public void A_list_of_internal_contacts_in_user_groups_is_ready_with_its_numbers()
    {
        var report = ListReport.Of(List(new[] { Group("Team"), Group("Later") }, new[] { Contact("kim@contoso.com", "Team", "Favorites"), Contact("lee@contoso.com", "Other Contacts") }), Contoso);

        Assert.Equal(ImListReadiness.Ready, report.Verdict);
        Assert.Equal(string.Empty, report.Reasons);
        Assert.Equal((2, 2, 0, 0), (report.Contacts, report.UserGroups, report.DistributionGroups, report.TelephoneContacts));
        Assert.Equal((1, 1), (report.UngroupedContacts, report.EmptyGroups));
        Assert.Equal((998, 62, 0, 0), (report.ContactHeadroom, report.GroupHeadroom, report.ExternalContacts, report.LeftBehind));
        Assert.Null(report.Error);
    }

    [Fact]
    public void Distribution_groups_and_telephone_contacts_are_left_behind_and_make_it_not_ready()
    {
        var report = ListReport.Of(List(
            new[] { Group("Team"), new ImSnapshotGroup("Sales", "DistributionGroup", "sales@contoso.com"), new ImSnapshotGroup("HR", "DistributionGroup", "hr@contoso.com") },
            new[] { Contact("kim@contoso.com", "Team"), Phone("+14255550100", "Team") }), Contoso);

        Assert.Equal(ImListReadiness.NotReady, report.Verdict);
        Assert.Equal((2, 1, 2, 1, 3), (report.Contacts, report.UserGroups, report.DistributionGroups, report.TelephoneContacts, report.LeftBehind));
        Assert.Equal(61, report.GroupHeadroom);
        Assert.Equal(0, report.ExternalContacts);
        Assert.Equal("2 distribution group(s) left behind; 1 telephone contact(s) left behind", report.Reasons);
    }

    [Fact]
    public void At_the_limits_is_ready_and_one_beyond_each_is_left_behind_but_telephone_contacts_do_not_count_toward_teams_1000()
    {
        var groupsAt = Enumerable.Range(1, 63).Select(g => Group($"G{g}")).Prepend(Group("Team")).ToList();
        var at = ListReport.Of(List(groupsAt, Many(1000, "Team")), Contoso);
        Assert.Equal((ImListReadiness.Ready, 0, 0, 0), (at.Verdict, at.ContactHeadroom, at.GroupHeadroom, at.LeftBehind));

        var over = ListReport.Of(List(groupsAt.Append(Group("G64")), Many(1001, "Team")), Contoso);
        Assert.Equal((ImListReadiness.NotReady, 1, 1, 2), (over.Verdict, over.ContactsBeyondLimit, over.GroupsBeyondLimit, over.LeftBehind));
        Assert.Equal("1,001 contacts: 1 beyond the 1,000 Teams takes; 65 user groups: 1 beyond the 64 Teams takes", over.Reasons);

        // 1,000 IM contacts and a telephone contact: Exchange's limit is passed, Teams' is not; only the phone is left behind.
        var phone = ListReport.Of(List(new[] { Group("Team") }, Many(1000, "Team").Append(Phone("+14255550100", "Team"))), Contoso);
        Assert.Equal((1001, 0, 0, 1), (phone.Contacts, phone.ContactHeadroom, phone.ContactsBeyondLimit, phone.LeftBehind));
    }

    [Fact]
    public void External_contacts_ask_for_a_review_only_when_internal_domains_are_given()
    {
        var list = List(new[] { Group("Team") }, new[] { Contact("sip:kim@contoso.com", "Team"), Contact("sip:ann@Fabrikam.com", "Team"), Contact("raj@eu.contoso.com", "Team"), Phone("+14255550100", "Team") });

        var exact = ListReport.Of(list, Contoso);
        Assert.Equal((ImListReadiness.NotReady, 2), (exact.Verdict, exact.ExternalContacts));
        Assert.EndsWith("; 2 contact(s) outside -InternalDomain: Teams needs external access for their domains", exact.Reasons);

        var noPhone = List(new[] { Group("Team") }, new[] { Contact("sip:kim@contoso.com", "Team"), Contact("sip:ann@Fabrikam.com", "Team") });
        Assert.Equal(ImListReadiness.Review, ListReport.Of(noPhone, Contoso).Verdict);
        Assert.Equal(ImListReadiness.Ready, ListReport.Of(noPhone, InternalDomains.Parse(new[] { "contoso.com", "FABRIKAM.com" }, "InternalDomain")).Verdict);

        var none = ListReport.Of(noPhone, null);
        Assert.Equal((ImListReadiness.Ready, (int?)null), (none.Verdict, none.ExternalContacts));
    }

    [Fact]
    public void A_version_1_snapshot_does_not_know_its_telephone_contacts_and_an_empty_list_says_where_contacts_may_be()
    {
        var old = ListReport.Of(List(new[] { Group("Team") }, new[] { Contact("kim@contoso.com", "Team") }, version: 1), Contoso);
        Assert.Null(old.TelephoneContacts);
        Assert.Equal(ImListReadiness.Ready, old.Verdict);
        Assert.Equal("telephone contacts unknown (a format 1 snapshot)", old.Reasons);

        var empty = ListReport.Of(List(Array.Empty<ImSnapshotGroup>(), Array.Empty<ImSnapshotContact>()), Contoso);
        Assert.Equal((ImListReadiness.Ready, 0, 0, 1000, 64), (empty.Verdict, empty.Contacts, empty.UserGroups, empty.ContactHeadroom, empty.GroupHeadroom));
        Assert.Contains("Unified Contact Store", empty.Reasons);
    }

    [Fact]
    public void Contacts_without_an_address_count_toward_the_limits()
    {
        var report = ListReport.Of(List(new[] { Group("Team") }, Many(999, "Team")), Contoso, unnamedContacts: 2);
        Assert.Equal((1001, 0, 1), (report.Contacts, report.ContactHeadroom, report.ContactsBeyondLimit));
    }

    [Fact]
    public void A_list_that_could_not_be_read_is_a_result_without_numbers()
    {
        var report = ListReport.Failed("gone@contoso.com", "The SMTP address has no mailbox associated with it.", "ErrorNonExistentMailbox");
        Assert.Equal((ImListReadiness.Failed, "ErrorNonExistentMailbox"), (report.Verdict, report.ErrorCode));
        Assert.Null(report.Contacts);
        Assert.Null(report.LeftBehind);
        Assert.Equal("gone@contoso.com: Failed (the list could not be read)", report.ToString());
    }

    [Theory]
    [InlineData("contoso.com", "kim@contoso.com", true)]
    [InlineData("contoso.com", "sip:KIM@CONTOSO.COM", true)]
    [InlineData("contoso.com", "kim@eu.contoso.com", false)]
    [InlineData("*.contoso.com", "kim@eu.contoso.com", true)]
    [InlineData("*.contoso.com", "kim@contoso.com", true)]
    [InlineData("*.contoso.com", "kim@notcontoso.com", false)]
    [InlineData("@contoso.com", "kim@contoso.com", true)]
    [InlineData("contoso.com", "+14255550100@contoso.com;user=phone", true)]
    public void Internal_domains_match_as_accepted_domains_do(string domain, string address, bool internalOne) =>
        Assert.Equal(internalOne, InternalDomains.Parse(new[] { domain }, "InternalDomain").Holds(address));

    [Theory]
    [InlineData("contoso com")]
    [InlineData("")]
    [InlineData("*.")]
    [InlineData("kim@contoso.com")]
    [InlineData("contoso..com")]
    public void A_domain_that_is_none_names_the_parameter_and_the_value(string domain)
    {
        var error = Assert.Throws<ArgumentException>(() => InternalDomains.Parse(new[] { domain }, "InternalDomain"));
        Assert.StartsWith("-InternalDomain ", error.Message);
        Assert.Contains("is not a domain such as contoso.com", error.Message);
    }
}
