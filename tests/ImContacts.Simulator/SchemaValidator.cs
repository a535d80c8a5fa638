using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ImContacts.Simulator;

/// <summary>
/// Validates SOAP header and body elements, as Exchange does for Exchange2013 requests: against Microsoft's
/// messages.xsd/types.xsd from a directory, or against ImContacts' own schema of the IM-list subset (embedded).
/// </summary>
public sealed class SchemaValidator
{
    private const string ResourcePrefix = "ImContacts.Simulator.Schema.";
    private const string OwnMessages = "ImListMessages.xsd";

    /// <summary>A base for the own schema's import to resolve against; only <see cref="EmbeddedResolver"/> reads it.</summary>
    private static readonly Uri OwnBase = new("embedded:///ImContacts.Simulator/Schema/");

    private readonly XmlSchemaSet schemas = new();

    /// <summary>Microsoft's schema: messages.xsd in <paramref name="schemaDirectory"/>, which imports types.xsd beside it.</summary>
    public SchemaValidator(string schemaDirectory)
    {
        Directory = Path.GetFullPath(schemaDirectory);
        Description = $"Microsoft's EWS schema in {Directory}";
        var resolver = new XmlUrlResolver();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = resolver };
        using var reader = XmlReader.Create(Path.Combine(Directory, "messages.xsd"), settings);
        schemas.XmlResolver = resolver;
        schemas.Add(null, reader);
        schemas.Compile();
    }

    private SchemaValidator()
    {
        Directory = null;
        Description = "ImContacts' own schema of the IM-list subset";
        var resolver = new EmbeddedResolver();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var stream = EmbeddedResolver.Open(OwnMessages);
        using var reader = XmlReader.Create(stream, settings, new Uri(OwnBase, OwnMessages).AbsoluteUri);
        schemas.XmlResolver = resolver;
        schemas.Add(null, reader);
        schemas.Compile();
    }

    /// <summary>The folder of Microsoft's schema, or null for the own schema.</summary>
    public string? Directory { get; }

    /// <summary>Which schema this is, for people: logs, banners, test output.</summary>
    public string Description { get; }

    /// <summary>True for Microsoft's schema, false for ImContacts' own.</summary>
    public bool IsMicrosofts => Directory is not null;

    /// <summary>ImContacts' own schema of the IM-list requests and headers, from the simulator's embedded resources.</summary>
    public static SchemaValidator Own() => new();

    /// <summary>Microsoft's schema when <paramref name="schemaDirectory"/> is given, ImContacts' own otherwise.</summary>
    public static SchemaValidator For(string? schemaDirectory) => schemaDirectory is null ? Own() : new SchemaValidator(schemaDirectory);

    /// <summary>Returns the first violation, or null when the element is valid.</summary>
    public string? Validate(XElement element, bool mustBeDeclared)
    {
        var name = new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName);
        if (schemas.GlobalElements[name] is not XmlSchemaElement declaration)
        {
            return mustBeDeclared ? $"The element '{element.Name.LocalName}' in namespace '{element.Name.NamespaceName}' is not declared." : null;
        }

        string? violation = null;
        var copy = new XElement(element);
        new XDocument(copy).Root!.Validate(declaration, schemas, (_, e) => violation ??= e.Message);
        return violation;
    }

    public override string ToString() => Description;

    /// <summary>Resolves the own schema's import to the embedded resource of that name; refuses everything else.</summary>
    private sealed class EmbeddedResolver : XmlResolver
    {
        public static Stream Open(string fileName) =>
            typeof(SchemaValidator).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new XmlSchemaException($"ImContacts' own schema has no embedded file '{fileName}'.");

        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (absoluteUri.Scheme != OwnBase.Scheme || (ofObjectToReturn is not null && ofObjectToReturn != typeof(Stream)))
            {
                throw new XmlSchemaException($"ImContacts' own schema refers to '{absoluteUri}', which is not one of its embedded files.");
            }

            return Open(Path.GetFileName(absoluteUri.AbsolutePath));
        }
    }
}
