using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImContacts.Simulator;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Where Microsoft's schema is looked for, and that the simulator validates against it or, without it, against ImContacts' own.</summary>
public sealed class SchemaLocatorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "imcontacts-locator-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Shared_schema_beside_the_repository_root_is_found_and_nothing_above_it()
    {
        var repository = Directory.CreateDirectory(Path.Combine(root, "work", "clone", "main")).FullName;
        File.WriteAllText(Path.Combine(repository, SchemaLocator.SolutionFile), string.Empty);
        var start = Directory.CreateDirectory(Path.Combine(repository, "tests", "bin")).FullName;
        var ancestors = FakeSchema(Path.Combine(root, "work", "shared", "ews-schema"));
        FakeSchema(Path.Combine(root, "shared", "ews-schema"));

        Assert.Null(SchemaLocator.Find(start, configured: null));

        var beside = FakeSchema(Path.Combine(root, "work", "clone", "shared", "ews-schema"));
        Assert.Equal(beside, SchemaLocator.Find(start, configured: " "));
        Assert.NotEqual(ancestors, beside);
    }

    [Fact]
    public void Without_a_repository_root_nothing_is_found()
    {
        var start = Directory.CreateDirectory(Path.Combine(root, "published")).FullName;
        FakeSchema(Path.Combine(root, "shared", "ews-schema"));
        Assert.Null(SchemaLocator.Find(start, configured: null));
    }

    [Fact]
    public void Configured_folder_wins_and_one_without_the_files_is_an_error_not_a_fallback()
    {
        var start = Directory.CreateDirectory(Path.Combine(root, "start")).FullName;
        var configured = FakeSchema(Path.Combine(root, "downloaded"));
        Assert.Equal(configured, SchemaLocator.Find(start, configured));

        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "messages.xsd"), string.Empty);
        var error = Assert.Throws<InvalidOperationException>(() => SchemaLocator.Find(start, empty));
        Assert.Contains(SchemaLocator.EnvironmentVariable, error.Message);
        Assert.Contains(empty, error.Message);
        Assert.Contains("types.xsd", error.Message);
    }

    [Fact]
    public void Own_schema_loads_from_the_simulator_assembly_and_says_so()
    {
        var own = SchemaValidator.Own();
        Assert.False(own.IsMicrosofts);
        Assert.Null(own.Directory);
        Assert.Equal("ImContacts' own schema of the IM-list subset", own.Description);
        Assert.Equal(
            new[] { "ImContacts.Simulator.Schema.ImListMessages.xsd", "ImContacts.Simulator.Schema.ImListTypes.xsd" },
            typeof(SchemaValidator).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".xsd", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Simulator_validates_against_what_was_found_and_says_which()
    {
        await using var simulator = await EwsSimulator.StartAsync();
        var expected = SharedFiles.SchemaDirectory is { } dir ? $"Microsoft's EWS schema in {dir}" : "ImContacts' own schema of the IM-list subset";
        Assert.Equal(expected, simulator.SchemaDescription);
        Assert.Equal(SharedFiles.SchemaDirectory, simulator.SchemaDirectory);

        using var http = new HttpClient();
        async Task<(HttpStatusCode Status, string Body)> Post(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, simulator.Url) { Content = new StringContent(Envelope(body), Encoding.UTF8, "text/xml") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SimulatorAccounts.Ana.UserName}:{SimulatorAccounts.Ana.Password}")));
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var valid = await Post("<m:AddImGroup><m:DisplayName>Checked</m:DisplayName></m:AddImGroup>");
        Assert.Equal(HttpStatusCode.OK, valid.Status);
        var empty = await Post("<m:AddImGroup><m:DisplayName></m:DisplayName></m:AddImGroup>");
        Assert.Equal(HttpStatusCode.InternalServerError, empty.Status);
        Assert.Contains("ErrorSchemaValidation", empty.Body);
        var reordered = await Post("<m:SetImGroup><m:NewDisplayName>N</m:NewDisplayName><m:GroupId Id=\"AAMk\"/></m:SetImGroup>");
        Assert.Contains("ErrorSchemaValidation", reordered.Body);
    }

    private static string Envelope(string body) =>
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\" "
        + "xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><soap:Header><t:RequestServerVersion Version=\"Exchange2013\"/></soap:Header>"
        + $"<soap:Body>{body}</soap:Body></soap:Envelope>";

    private static string FakeSchema(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "messages.xsd"), string.Empty);
        File.WriteAllText(Path.Combine(directory, "types.xsd"), string.Empty);
        return Path.GetFullPath(directory);
    }
}
