using System.Xml;

namespace ImContacts.Simulator;

/// <summary>Writes t:ImItemList, t:ImGroup and t:Persona the way Exchange 2013 does (types namespace below the m: payload element).</summary>
public static class ImItemXml
{
    public const string M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public const string T = "http://schemas.microsoft.com/exchange/services/2006/types";

    private const string GroupChangeKey = "EgAAAA==";
    private const string MemberChangeKey = "EQAAAA==";

    public static void WriteImItemList(XmlWriter w, SimulatedMailbox box, IReadOnlyList<SimulatedGroup> groups, IReadOnlyList<SimulatedContact> personas, RenderOptions render, bool omitEmpty = false)
    {
        w.WriteStartElement("ImItemList", M);
        if (!omitEmpty || groups.Count > 0)
        {
            w.WriteStartElement("Groups", T);
            foreach (var group in groups)
            {
                WriteGroup(w, box, group, render, T);
            }

            w.WriteEndElement();
        }

        if (!omitEmpty || personas.Count > 0)
        {
            w.WriteStartElement("Personas", T);
            foreach (var contact in personas)
            {
                WritePersona(w, box, contact, render, "Persona", T);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void WriteGroup(XmlWriter w, SimulatedMailbox box, SimulatedGroup group, RenderOptions render, string ns)
    {
        w.WriteStartElement("ImGroup", ns);
        w.WriteElementString("DisplayName", T, group.DisplayName);
        w.WriteElementString("GroupType", T, group.GroupType);
        WriteItemId(w, "ExchangeStoreId", group.Id, GroupChangeKey);
        if (group.MemberIds.Count > 0)
        {
            w.WriteStartElement("MemberCorrelationKey", T);
            foreach (var member in group.MemberIds)
            {
                WriteItemId(w, "ItemId", member, MemberChangeKey);
            }

            w.WriteEndElement();
        }

        if (WantsDisplayName(render))
        {
            w.WriteStartElement("ExtendedProperties", T);
            w.WriteStartElement("ExtendedProperty", T);
            WriteDisplayNameUri(w);
            w.WriteElementString("Value", T, group.DisplayName);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        if (group.SmtpAddress is not null)
        {
            w.WriteElementString("SmtpAddress", T, group.SmtpAddress);
        }

        w.WriteEndElement();
    }

    public static void WritePersona(XmlWriter w, SimulatedMailbox box, SimulatedContact contact, RenderOptions render, string localName, string ns)
    {
        w.WriteStartElement(localName, ns);
        WriteItemId(w, "PersonaId", contact.PersonaId, null);
        w.WriteElementString("PersonaType", T, "Person");
        w.WriteElementString("CreationTime", T, contact.CreationTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        w.WriteElementString("DisplayName", T, contact.DisplayName);
        if (contact.ImAddress.Contains('@'))
        {
            w.WriteStartElement("EmailAddress", T);
            w.WriteElementString("Name", T, contact.DisplayName);
            w.WriteElementString("EmailAddress", T, StripSip(contact.ImAddress));
            w.WriteElementString("RoutingType", T, "SMTP");
            w.WriteEndElement();
        }

        w.WriteElementString("ImAddress", T, contact.ImAddress);
        w.WriteElementString("RelevanceScore", T, "2147483647");

        // A person-linked Outlook contact comes first, so a client that takes the first attribution gets the wrong id.
        w.WriteStartElement("Attributions", T);
        var imAttribution = "0";
        if (contact.LinkedOutlookContactId is not null)
        {
            WriteAttribution(w, "0", contact.LinkedOutlookContactId, "Outlook", quick: false);
            imAttribution = "1";
        }

        WriteAttribution(w, imAttribution, contact.Id, LyncContactsName(render.Culture), quick: true, contact.ChangeKey);
        w.WriteEndElement();

        w.WriteStartElement("DisplayNames", T);
        WriteStringAttributed(w, contact.DisplayName, imAttribution);
        w.WriteEndElement();
        w.WriteStartElement("ImAddresses", T);
        WriteStringAttributed(w, contact.ImAddress, imAttribution);
        w.WriteEndElement();

        if (WantsDisplayName(render))
        {
            w.WriteStartElement("ExtendedProperties", T);
            w.WriteStartElement("ExtendedPropertyAttributedValue", T);
            w.WriteStartElement("Value", T);
            WriteDisplayNameUri(w);
            w.WriteElementString("Value", T, contact.DisplayName);
            w.WriteEndElement();
            w.WriteStartElement("Attributions", T);
            w.WriteElementString("Attribution", T, imAttribution);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteAttribution(XmlWriter w, string id, string sourceId, string displayName, bool quick, string? changeKey = null)
    {
        w.WriteStartElement("Attribution", T);
        w.WriteElementString("Id", T, id);
        WriteItemId(w, "SourceId", sourceId, changeKey ?? SimulatorStore.NewChangeKey());
        w.WriteElementString("DisplayName", T, displayName);
        w.WriteElementString("IsWritable", T, quick ? "false" : "true");
        w.WriteElementString("IsQuickContact", T, quick ? "true" : "false");
        w.WriteElementString("IsHidden", T, "false");
        w.WriteEndElement();
    }

    private static void WriteStringAttributed(XmlWriter w, string value, string attribution)
    {
        w.WriteStartElement("StringAttributedValue", T);
        w.WriteElementString("Value", T, value);
        w.WriteStartElement("Attributions", T);
        w.WriteElementString("Attribution", T, attribution);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteItemId(XmlWriter w, string localName, string id, string? changeKey)
    {
        w.WriteStartElement(localName, T);
        w.WriteAttributeString("Id", id);
        if (changeKey is not null)
        {
            w.WriteAttributeString("ChangeKey", changeKey);
        }

        w.WriteEndElement();
    }

    private static void WriteDisplayNameUri(XmlWriter w)
    {
        w.WriteStartElement("ExtendedFieldURI", T);
        w.WriteAttributeString("PropertyTag", "0x3001");
        w.WriteAttributeString("PropertyType", "String");
        w.WriteEndElement();
    }

    // Only PR_DISPLAY_NAME is simulated; other requested properties are missing, which the server ignores silently.
    private static bool WantsDisplayName(RenderOptions render) =>
        render.ExtendedPropertyTags.Any(t => string.Equals(t, "0x3001", StringComparison.OrdinalIgnoreCase) || t == "12289");

    // The server localizes the IM attribution's name, so clients must not look for "Lync Contacts".
    private static string LyncContactsName(string? culture) => culture?.Split('-')[0].ToLowerInvariant() switch
    {
        "de" => "Lync-Kontakte",
        "fr" => "Contacts Lync",
        _ => "Lync Contacts",
    };

    private static string StripSip(string address) =>
        address.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? address.Substring(4) : address;
}
