using System.Net;
using ImContacts.Auth;
using ImContacts.Auth.Windows;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class KerberosFormTests
{
    [Theory]
    [InlineData("admin@contoso.test", "", "admin@CONTOSO.TEST")]
    [InlineData("admin@CONTOSO.TEST", "", "admin@CONTOSO.TEST")]
    [InlineData("admin", "", "admin")]
    [InlineData("admin", "CONTOSO", "admin")]
    [InlineData("admin@", "", "admin@")]
    public void The_realm_of_a_user_principal_name_is_given_in_capitals(string user, string domain, string expected)
    {
        var given = new NetworkCredential(user, "P@ss-1", domain);
        var form = WindowsCredentialAuthenticator.KerberosForm(given);
        Assert.Equal(expected, form.UserName);
        Assert.Equal(domain, form.Domain);
        Assert.Equal("P@ss-1", form.Password);
    }
}
