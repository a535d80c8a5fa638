using ImContacts.Auth;
using ImContacts.Bulk;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class InputTests
{
    [Theory]
    [InlineData("0x3001:String", "0x3001", null, null, null, "String")]
    [InlineData("12289:string", "12289", null, null, null, "String")]
    [InlineData("PublicStrings:MyProperty:String", null, "PublicStrings", null, "MyProperty", "String")]
    [InlineData("{00062004-0000-0000-C000-000000000046}:0x8084:StringArray", null, null, "00062004-0000-0000-C000-000000000046", null, "StringArray")]
    public void Extended_property_text_forms_parse(string text, string? tag, string? set, string? setId, string? name, string type)
    {
        var path = new ExtendedPropertyPath(text);
        Assert.Equal(tag, path.PropertyTag);
        Assert.Equal(set, path.DistinguishedPropertySetId);
        Assert.Equal(setId, path.PropertySetId);
        Assert.Equal(name, path.PropertyName);
        Assert.Equal(type, path.PropertyType);
    }

    [Theory]
    [InlineData("0x3001")]
    [InlineData("0x3001:Text")]
    [InlineData("0x13001:String")]
    [InlineData("Nowhere:Name:String")]
    [InlineData("a:b:c:d")]
    public void Invalid_extended_property_is_refused_with_its_text(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => new ExtendedPropertyPath(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Extended_property_from_a_hashtable_is_checked_on_validate()
    {
        var path = new ExtendedPropertyPath { PropertyTag = "0x3001", PropertyType = "string" };
        path.Validate();
        Assert.Equal("String", path.PropertyType);
        Assert.Throws<ArgumentException>(() => new ExtendedPropertyPath { PropertyTag = "0x3001", PropertyName = "x", PropertyType = "String" }.Validate());
    }

    [Theory]
    [InlineData("https://mail.contoso.com/EWS/Exchange.asmx", false, true)]
    [InlineData("http://127.0.0.1:8080/EWS/Exchange.asmx", false, true)]
    [InlineData("http://localhost/EWS/Exchange.asmx", false, true)]
    [InlineData("http://[::1]/EWS/Exchange.asmx", false, true)]
    [InlineData("http://mail.contoso.com/EWS/Exchange.asmx", false, false)]
    [InlineData("http://mail.contoso.com/EWS/Exchange.asmx", true, true)]
    [InlineData("ftp://mail.contoso.com/EWS/Exchange.asmx", true, false)]
    [InlineData("https://user:pw@mail.contoso.com/EWS/Exchange.asmx", false, false)]
    public void Endpoint_policy(string url, bool allowUnencrypted, bool allowed)
    {
        Assert.Equal(allowed, EndpointPolicy.Check(new Uri(url), allowUnencrypted) is null);
    }

    [Theory]
    [InlineData("https://mail.contoso.com/EWS/Exchange.asmx", true)]
    [InlineData("http://127.0.0.1/EWS/Exchange.asmx", true)]
    [InlineData("http://mail.contoso.com/EWS/Exchange.asmx", false)]
    public void Basic_is_offered_only_over_tls_or_loopback(string url, bool basic)
    {
        Assert.Equal(basic, EndpointPolicy.AllowsBasic(new Uri(url)));
    }

    [Theory]
    [InlineData(" ana@contoso.com ", "ana@contoso.com")]
    [InlineData("kim.akers@sub.contoso.co.uk", "kim.akers@sub.contoso.co.uk")]
    public void Mailbox_addresses_are_trimmed(string value, string expected) => Assert.Equal(expected, MailboxAddress.Normalize(value, "Mailbox"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ana")]
    [InlineData("Ana <ana@contoso.com>")]
    [InlineData("ana@@contoso.com")]
    public void Malformed_mailboxes_are_refused_naming_the_parameter(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => MailboxAddress.Normalize(value, "Mailbox"));
        Assert.Contains("-Mailbox", error.Message);
        Assert.StartsWith("-Mailbox", ArgumentMessage.Of(error));
        Assert.DoesNotContain("(Parameter", ArgumentMessage.Of(error));
    }

    [Fact]
    public void Messages_shown_to_users_leave_out_what_dotnet_adds_for_the_parameter_name()
    {
        Assert.Equal("-Mailbox 'x y' is not an SMTP address such as ana@contoso.com.", ArgumentMessage.Of(Assert.Throws<ArgumentException>(() => MailboxAddress.Normalize("x y", "Mailbox"))));
        Assert.Equal("Give it.", ArgumentMessage.Of(new ArgumentException("Give it.")));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("bogus", "'bogus' is not an EWS id")]
    [InlineData("AAMk AGI2", "'AAMk AGI2' is not an EWS id")]
    [InlineData("AA=A", "is not an EWS id")]
    [InlineData("sip:kim@contoso.com", "use -ImAddress")]
    [InlineData("AAMkAGI2-_Zm9v", "REST or Microsoft Graph id")]
    public void Malformed_ids_are_refused_naming_parameter_and_value(string id, string mention)
    {
        var problem = InputText.IdProblem(id, "ContactId");
        Assert.NotNull(problem);
        Assert.StartsWith("-ContactId ", problem);
        Assert.Contains(mention, problem);
    }

    [Fact]
    public void Absurdly_long_id_is_refused_showing_only_its_start()
    {
        var problem = InputText.IdProblem(new string('A', 100_000), "GroupId")!;
        Assert.Contains("100,000 characters long", problem);
        Assert.Contains("'" + new string('A', 60) + "…'", problem);
        Assert.True(problem.Length < 300);
    }

    [Theory]
    [InlineData("AAMkAGI2AA==")]
    [InlineData(" AAMkAGI2AA== ")]
    [InlineData("Ym9ndXM=")]
    [InlineData("AQMkADAwATM0MDAAMS1iNTcwLWI2NTEALTAwAi0wMAoALgAAA+/a")]
    public void Base64_ids_pass(string id) => Assert.Null(InputText.IdProblem(id, "ContactId"));

    [Theory]
    [InlineData("R&D <EMEA>")]
    [InlineData("Tom's \"A\" team ]]>")]
    [InlineData("\u00e9quipe \u4e2d\u6587 \U0001F600")]
    public void Names_with_xml_special_characters_pass(string name) => Assert.Null(InputText.NameProblem(name, "DisplayName"));

    [Theory]
    [InlineData("Bell\u0007", "U+0007 at position 5")]
    [InlineData("Tab\there", "U+0009 at position 4")]
    [InlineData("Line\nbreak", "U+000A")]
    [InlineData("Not a char \uFFFF", "U+FFFF")]
    public void Names_with_characters_xml_cannot_carry_are_refused(string name, string mention)
    {
        var problem = InputText.NameProblem(name, "NewName")!;
        Assert.StartsWith("-NewName '", problem, StringComparison.Ordinal);
        Assert.Contains(mention, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(problem, c => char.IsControl(c) || char.IsSurrogate(c));
    }

    [Fact]
    public void Names_with_a_lone_surrogate_are_refused()
    {
        // Built here: xunit's test-case serialization would replace the lone surrogate.
        Assert.Contains("U+D800 at position 6", InputText.NameProblem("Lone " + '\uD800' + " surrogate", "NewName"), StringComparison.Ordinal);
        Assert.Contains("U+DC00 at position 1", InputText.NameProblem('\uDC00' + "x", "NewName"), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_over_256_characters_are_refused()
    {
        Assert.Null(InputText.NameProblem(new string('n', 256), "DisplayName"));
        Assert.Contains("257 characters long", InputText.NameProblem(new string('n', 257), "DisplayName"));
    }

    [Fact]
    public void Batcher_sends_one_request_per_mailbox_with_distinct_ids_in_order()
    {
        var batcher = new ImItemRequestBatcher();
        batcher.Add(Mailboxes.For("ana@contoso.com"), new[] { new ItemId("c1") }, new[] { new ItemId("g1") });
        batcher.Add(Mailboxes.Own, new[] { new ItemId("c9") }, Array.Empty<ItemId>());
        batcher.Add(Mailboxes.For("ANA@contoso.com"), new[] { new ItemId("c2"), new ItemId("c1", "other-change-key") }, Array.Empty<ItemId>());

        var requests = batcher.Requests().ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("ana@contoso.com", requests[0].Mailbox.Name);
        Assert.Equal(new[] { "c1", "c2" }, requests[0].ContactIds.Select(i => i.Id));
        Assert.Equal(new[] { "g1" }, requests[0].GroupIds.Select(i => i.Id));
        Assert.True(requests[1].Mailbox.IsOwn);
    }

    [Fact]
    public void Batcher_splits_very_many_ids_into_chunks_without_losing_any()
    {
        var batcher = new ImItemRequestBatcher(maxIdsPerRequest: 4);
        batcher.Add(Mailboxes.For("ana@contoso.com"), Enumerable.Range(0, 6).Select(i => new ItemId("c" + i)), Enumerable.Range(0, 3).Select(i => new ItemId("g" + i)));
        var requests = batcher.Requests().ToList();
        Assert.Equal(new[] { 4, 4, 1 }, requests.Select(r => r.ContactIds.Count + r.GroupIds.Count));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => "c" + i), requests.SelectMany(r => r.ContactIds).Select(i => i.Id));
        Assert.Equal(new[] { "g0", "g1", "g2" }, requests.SelectMany(r => r.GroupIds).Select(i => i.Id));
    }

    [Fact]
    public void Persona_contact_id_is_the_visible_quick_contact_attribution_wherever_it_stands()
    {
        var outlook = new PersonaAttribution("0", new ItemId("outlook"), "Outlook", true, false, false, null);
        var hidden = new PersonaAttribution("1", new ItemId("hidden"), "Lync-Kontakte", false, true, true, null);
        var im = new PersonaAttribution("2", new ItemId("im"), "Lync-Kontakte", false, true, false, null);
        var persona = new Persona(new ItemId("p"), "Person", null, "Kim", null, null, null, "sip:kim@contoso.com",
            new[] { outlook, hidden, im }, Array.Empty<ExtendedPropertyValue>(), null);
        Assert.Equal("im", persona.ContactId!.Id);
        Assert.Equal(new ItemId("im", "whatever"), persona.ContactId);
    }
}
