using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ImContacts.Simulator;

/// <summary>Validates SOAP header and body elements against messages.xsd/types.xsd, as Exchange does for Exchange2013 requests.</summary>
public sealed class SchemaValidator
{
    private readonly XmlSchemaSet schemas = new();

    public SchemaValidator(string schemaDirectory)
    {
        Directory = schemaDirectory;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(Path.Combine(schemaDirectory, "messages.xsd"), settings);
        schemas.XmlResolver = new XmlUrlResolver();
        schemas.Add(null, reader);
        schemas.Compile();
    }

    public string Directory { get; }

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
}
