using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class ImAddressCheckTests
{
    [Theory]
    [InlineData("sip:kim@contoso.com")]
    [InlineData("KIM@contoso.com")]
    [InlineData(" sip:o.brien+it@müller.de ")]
    [InlineData("sip:first_last-2@sub.contoso.co.uk")]
    [InlineData(null)]
    [InlineData("")]
    public void Addresses_users_give_pass(string? address) => Assert.Null(ImAddresses.Problem(address, "ImAddress"));

    [Theory]
    [InlineData("bad address with spaces", "it contains a space")]
    [InlineData("sip:kim @contoso.com", "it contains a space")]
    [InlineData("kim", "not of the form user@domain")]
    [InlineData("sip:@contoso.com", "not of the form user@domain")]
    [InlineData("kim@", "not of the form user@domain")]
    [InlineData("kim@a@contoso.com", "not of the form user@domain")]
    [InlineData("Kim <kim@contoso.com>", "it contains a space")]
    [InlineData("kim@contoso..com", "its domain is not a host name")]
    [InlineData("kim@-contoso.com", "its domain is not a host name")]
    [InlineData("kim@contoso.com;transport=tls", "it contains ';'")]
    public void Broken_addresses_fail_naming_parameter_value_and_cause(string address, string cause)
    {
        var problem = ImAddresses.Problem(address, "ImAddress");
        Assert.NotNull(problem);
        Assert.StartsWith($"-ImAddress '{address.Trim()}' is not an IM address", problem);
        Assert.Contains(cause, problem);
    }
}
