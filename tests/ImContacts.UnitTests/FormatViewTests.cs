using System.Reflection;
using System.Xml.Linq;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The table views name real types and real properties, so a renamed property cannot leave an empty column.</summary>
public sealed class FormatViewTests
{
    private static readonly string FormatFile = Path.Combine(SharedFiles.RepositoryRoot, "src", "ImContacts", "ImContacts.Format.ps1xml");

    [Fact]
    public void Every_view_selects_a_model_type_and_names_only_its_properties()
    {
        var views = XDocument.Load(FormatFile).Descendants("View").ToList();
        Assert.Equal(
            new[] { typeof(ImContactListReport), typeof(ImGroup), typeof(ImItemList), typeof(ImListChange), typeof(ImListDifference), typeof(ImMembershipResult), typeof(ImRemovalResult), typeof(Persona) }.Select(t => t.FullName),
            views.Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value).Order(StringComparer.Ordinal));
        foreach (var view in views)
        {
            var type = typeof(ItemId).Assembly.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value, throwOnError: true)!;
            var headers = view.Descendants("TableColumnHeader").Count();
            var items = view.Descendants("TableColumnItem").ToList();
            Assert.Equal(headers, items.Count);
            foreach (var name in items.Select(i => i.Element("PropertyName")?.Value).OfType<string>())
            {
                Assert.True(type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not null, $"{type.Name} has no property {name}.");
            }

            foreach (var script in items.Select(i => i.Element("ScriptBlock")?.Value).OfType<string>())
            {
                foreach (System.Text.RegularExpressions.Match used in System.Text.RegularExpressions.Regex.Matches(script, @"\$_\.(\w+)"))
                {
                    Assert.True(type.GetProperty(used.Groups[1].Value) is not null, $"{type.Name} has no property {used.Groups[1].Value} (used in '{script}').");
                }
            }
        }
    }
}
