using System.Text;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Who an access token from elsewhere signs in, read from its payload.</summary>
public sealed class AccessTokenClaimsTests
{
    internal static string Jwt(string payloadJson) =>
        Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + Base64Url(payloadJson) + ".c2lnbmF0dXJl";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [InlineData("{\"aud\":\"https://outlook.office365.com\",\"upn\":\"ana@contoso.com\",\"scp\":\"EWS.AccessAsUser.All\",\"appid\":\"5b1f\"}", "ana@contoso.com")]
    [InlineData("{\"ver\":\"2.0\",\"preferred_username\":\"ben@contoso.com\",\"scp\":\"EWS.AccessAsUser.All\",\"azp\":\"5b1f\"}", "ben@contoso.com")]
    [InlineData("{\"unique_name\":\"CONTOSO\\\\chloe\",\"scp\":\"x\"}", "CONTOSO\\chloe")]
    public void A_delegated_token_names_its_user(string payload, string user)
    {
        var claims = AccessTokenClaims.Read(Jwt(payload));
        Assert.NotNull(claims);
        Assert.False(claims!.AppOnly);
        Assert.Equal(user, claims.User);
    }

    [Theory]
    [InlineData("{\"idtyp\":\"app\",\"appid\":\"0f9d3b8a\",\"roles\":[\"full_access_as_app\"]}")]
    [InlineData("{\"appid\":\"0f9d3b8a\",\"roles\":[\"full_access_as_app\"],\"oid\":\"x\"}")]
    public void An_app_only_token_names_its_application_and_no_user(string payload)
    {
        var claims = AccessTokenClaims.Read(Jwt(payload));
        Assert.True(claims!.AppOnly);
        Assert.Null(claims.User);
        Assert.Equal("0f9d3b8a", claims.Application);
    }

    [Theory]
    [InlineData("opaque-token-1234")]
    [InlineData("a.b.c")]
    [InlineData("a.!!!.c")]
    [InlineData("a..c")]
    public void A_token_that_is_no_JWT_says_nothing(string token) => Assert.Null(AccessTokenClaims.Read(token));

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"upn\":")]
    public void A_payload_that_is_no_claims_object_says_nothing(string payload)
    {
        var claims = AccessTokenClaims.Read(Jwt(payload));
        Assert.True(claims is null || (claims.User is null && !claims.AppOnly));
    }
}
