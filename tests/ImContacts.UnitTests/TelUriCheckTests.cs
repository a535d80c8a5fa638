using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class TelUriCheckTests
{
    [Theory]
    [InlineData("tel:+14255550100")]
    [InlineData("TEL:+1-425-555-0100")]
    [InlineData("tel:+44.20.7946.0958;ext=12")]
    [InlineData("tel:5550100;phone-context=+1425")]
    [InlineData("tel:*21#;phone-context=contoso.com")]
    [InlineData(null)]
    public void Telephone_URIs_users_give_pass(string? uri) => Assert.Null(TelUris.TelUriProblem(uri, "TelUri"));

    [Theory]
    [InlineData("+14255550100", "it does not start with tel:")]
    [InlineData("tel:+1 425 555 0100", "the number contains a space")]
    [InlineData("tel:+1425555O100", "characters other than digits")]
    [InlineData("tel:+", "it has no number")]
    [InlineData("tel:5550100", "needs ;phone-context=")]
    [InlineData("tel:+14255550100;", "a ;parameter is empty")]
    public void Broken_telephone_URIs_fail_naming_parameter_value_and_cause(string uri, string cause)
    {
        var problem = TelUris.TelUriProblem(uri, "TelUri");
        Assert.NotNull(problem);
        Assert.StartsWith($"-TelUri '{uri}' is not a telephone URI such as tel:+14255550100: ", problem);
        Assert.Contains(cause, problem);
    }

    [Theory]
    [InlineData("sip:+14255550100@contoso.com;user=phone", null)]
    [InlineData("sip:kim@contoso.com", null)]
    [InlineData("sip:+14255550100", "not of the form sip:user@domain")]
    [InlineData("sip:kim @contoso.com", "not of the form sip:user@domain")]
    public void SIP_URIs_need_an_address_and_may_carry_parameters(string uri, string? cause)
    {
        var problem = TelUris.SipUriProblem(uri, "SipUri");
        if (cause is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(cause, problem);
            Assert.Contains($"'{uri}'", problem);
        }
    }

    [Theory]
    [InlineData("+1 425 555 0100", true)]
    [InlineData("(425) 555-0100 ext. 12", true)]
    [InlineData("+44 20 7946 0958 x3", true)]
    [InlineData("call me", false)]
    [InlineData("+1 425 CALL NOW", false)]
    [InlineData("---", false)]
    public void Telephone_numbers_hold_digits_and_separators(string number, bool valid) =>
        Assert.Equal(valid, TelUris.NumberProblem(number, "TelephoneNumber") is null);
}
