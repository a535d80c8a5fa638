using System.Net.Mail;
using System.Xml;
using System.Xml.Linq;

namespace ImContacts.Simulator;

/// <summary>What a request's payload asked the response to include.</summary>
public sealed record RenderOptions(string? Culture, IReadOnlyList<string> ExtendedPropertyTags);

/// <summary>
/// The IM-list operations with the semantics of the Exchange 2013 CU23 server (protocol reference §12):
/// id conversion errors first, then the UCS rules. Each returns a writer for the response payload, or null.
/// </summary>
public sealed class ImListOperations
{
    private static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";

    private readonly SimulatorStore store;

    public ImListOperations(SimulatorStore store)
    {
        this.store = store;
    }

    public static readonly string[] Names =
    {
        "GetImItemList", "GetImItems", "AddImContactToGroup", "AddNewImContactToGroup", "AddNewTelUriContactToGroup",
        "AddImGroup", "SetImGroup", "RemoveImGroup", "RemoveImContactFromGroup", "RemoveContactFromImList",
        "AddDistributionGroupToImList", "RemoveDistributionGroupFromImList",
    };

    private const string AddConflict = "ErrorIrresolvableConflict";
    private const string RemoveConflict = "ErrorUnableToRemoveImContactFromGroup";

    /// <summary>
    /// Runs one operation. <paramref name="arrivedAt"/> is the store's save clock when the request arrived: a group it must
    /// save that another request saved since makes it fail, changing nothing of that group (§12). Null: no such check.
    /// </summary>
    public Action<XmlWriter>? Execute(string operation, XElement request, SimulatedMailbox box, string? culture, long? arrivedAt = null)
    {
        var render = new RenderOptions(culture, request.Element(M + "ExtendedProperties")?.Elements(T + "ExtendedProperty")
            .Select(p => (string?)p.Attribute("PropertyTag") ?? string.Empty).ToList() ?? new List<string>());
        lock (box.Sync)
        {
            return operation switch
            {
                "GetImItemList" => GetImItemList(box, render),
                "GetImItems" => GetImItems(request, box, render),
                "AddImContactToGroup" => AddImContactToGroup(request, box, arrivedAt),
                "AddNewImContactToGroup" => AddNewContact(request, box, render, tel: false, arrivedAt),
                "AddNewTelUriContactToGroup" => AddNewContact(request, box, render, tel: true, arrivedAt),
                "AddImGroup" => AddImGroup(request, box, render),
                "SetImGroup" => SetImGroup(request, box, arrivedAt),
                "RemoveImGroup" => RemoveImGroup(request, box, arrivedAt),
                "RemoveImContactFromGroup" => RemoveImContactFromGroup(request, box, arrivedAt),
                "RemoveContactFromImList" => RemoveContactFromImList(request, box, arrivedAt),
                "AddDistributionGroupToImList" => AddDistributionGroup(request, box, render),
                "RemoveDistributionGroupFromImList" => RemoveDistributionGroup(request, box),
                _ => throw new SimulatedError("ErrorInvalidRequest", $"The operation {operation} is not an IM-list operation.", isFault: true),
            };
        }
    }

    private Action<XmlWriter> GetImItemList(SimulatedMailbox box, RenderOptions render)
    {
        box.EnsureSystemGroups();
        var groups = box.OrderedGroups().ToList();
        var personas = box.Contacts.Where(box.IsListed).ToList();
        return w => ImItemXml.WriteImItemList(w, box, groups, personas, render);
    }

    private Action<XmlWriter> GetImItems(XElement request, SimulatedMailbox box, RenderOptions render)
    {
        box.EnsureSystemGroups();

        // Unknown and malformed ids are dropped without a word.
        var groups = Ids(request, "GroupIds").Select(box.FindGroup).OfType<SimulatedGroup>().Distinct().ToList();
        var personas = Ids(request, "ContactIds").Select(box.FindContact).OfType<SimulatedContact>().Where(box.IsListed).Distinct().ToList();
        return w => ImItemXml.WriteImItemList(w, box, groups, personas, render, omitEmpty: true);
    }

    private Action<XmlWriter>? AddImContactToGroup(XElement request, SimulatedMailbox box, long? arrivedAt)
    {
        var contactId = Convert(request.Element(M + "ContactId"), box);
        var groupId = request.Element(M + "GroupId") is { } g ? Convert(g, box) : null;
        var contact = ImContact(contactId, box);
        var group = groupId is null ? box.EnsureSystemGroup(GroupTypes.OtherContacts) : AnyGroup(groupId, box);

        // Already a member: success, and nothing is saved.
        if (!group.MemberIds.Contains(contact.Id))
        {
            store.Save(arrivedAt, AddConflict, group);
            group.MemberIds.Add(contact.Id);
        }

        return null;
    }

    private Action<XmlWriter> AddNewContact(XElement request, SimulatedMailbox box, RenderOptions render, bool tel, long? arrivedAt)
    {
        var groupId = request.Element(M + "GroupId") is { } g ? Convert(g, box) : null;
        var address = tel ? Required(request, "TelUriAddress") : Required(request, "ImAddress");
        var contact = box.Contacts.Find(c => string.Equals(tel ? c.TelUri : c.ImAddress, address, StringComparison.OrdinalIgnoreCase));
        if (contact is null)
        {
            if (box.Contacts.Count >= SimulatedMailbox.MaxContacts)
            {
                throw new SimulatedError("ErrorImContactLimitReached", "The maximum number of IM contacts has been reached.");
            }

            contact = new SimulatedContact
            {
                Id = box.NewId(SimulatedItemKind.Contact),
                PersonaId = box.NewId(SimulatedItemKind.Persona),
                ChangeKey = SimulatorStore.NewChangeKey(),
                ImAddress = tel ? Required(request, "ImContactSipUriAddress") : address,
                TelUri = tel ? address : null,
                DisplayName = (string?)request.Element(M + "DisplayName") ?? address,
                CreationTime = DateTimeOffset.UtcNow,
            };
            box.Contacts.Add(contact);
        }

        // The contact exists before the group is checked: a bad group leaves it orphaned, as on the real server.
        var group = groupId is null ? box.EnsureSystemGroup(GroupTypes.OtherContacts) : AnyGroup(groupId, box);
        if (!group.MemberIds.Contains(contact.Id))
        {
            // A conflict here leaves the new contact orphaned too.
            store.Save(arrivedAt, AddConflict, group);
            group.MemberIds.Add(contact.Id);
        }

        var created = contact;
        return w => ImItemXml.WritePersona(w, box, created, render, "Persona", ImItemXml.M);
    }

    private Action<XmlWriter> AddImGroup(XElement request, SimulatedMailbox box, RenderOptions render)
    {
        var name = Required(request, "DisplayName");
        var group = box.Groups.Find(g => string.Equals(g.DisplayName, name, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            CheckGroupLimit(box);
            group = box.AddGroup(name, GroupTypes.UserGroup);
        }

        return w => ImItemXml.WriteGroup(w, box, group, render, ImItemXml.M);
    }

    private Action<XmlWriter>? SetImGroup(XElement request, SimulatedMailbox box, long? arrivedAt)
    {
        var group = AnyGroup(Convert(request.Element(M + "GroupId"), box), box);
        var name = Required(request, "NewDisplayName");
        if (group.GroupType != GroupTypes.UserGroup)
        {
            throw new SimulatedError("ErrorInvalidImGroupId", "The specified Im Group Id is invalid.");
        }

        // The group's own name counts too: renaming to the current name, or changing only its case, fails.
        if (box.Groups.Any(g => string.Equals(g.DisplayName, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SimulatedError("ErrorImGroupDisplayNameAlreadyExists", "An Im Group with the specified display name already exists.");
        }

        store.Save(arrivedAt, AddConflict, group);
        group.DisplayName = name;
        return null;
    }

    private Action<XmlWriter>? RemoveImGroup(XElement request, SimulatedMailbox box, long? arrivedAt)
    {
        var group = AnyGroup(Convert(request.Element(M + "GroupId"), box), box);
        if (group.GroupType != GroupTypes.UserGroup)
        {
            throw new SimulatedError("ErrorInvalidImGroupId", "The specified Im Group Id is invalid.");
        }

        // Tagged is saved (cleaned of the members that go) before the group is deleted.
        store.Save(arrivedAt, RemoveConflict, box.EnsureSystemGroup(GroupTypes.Tagged));

        box.Groups.Remove(group);
        foreach (var member in group.MemberIds.Select(box.FindContact).OfType<SimulatedContact>().ToList())
        {
            box.DeleteIfUnlisted(member);
        }

        return null;
    }

    private Action<XmlWriter>? RemoveImContactFromGroup(XElement request, SimulatedMailbox box, long? arrivedAt)
    {
        var contact = ImContact(Convert(request.Element(M + "ContactId"), box), box);
        var groupId = Convert(request.Element(M + "GroupId"), box);
        var group = box.FindGroup(groupId.Encode());

        // Not a member and no such group get the same code.
        if (group is null || !group.MemberIds.Contains(contact.Id))
        {
            throw new SimulatedError("ErrorInvalidImGroupId", "The specified Im Group Id is invalid.");
        }

        // Leaving its last group (Tagged not counting), a tagged contact leaves Tagged too: that saves Tagged as well.
        var lastGroup = !box.GroupsOf(contact).Any(g => g != group && g.GroupType != GroupTypes.Tagged);
        var tagged = box.GroupsOf(contact).FirstOrDefault(g => g.GroupType == GroupTypes.Tagged);
        store.Save(arrivedAt, RemoveConflict, lastGroup && tagged is not null && tagged != group ? new[] { group, tagged } : new[] { group });
        group.MemberIds.Remove(contact.Id);
        box.DeleteIfUnlisted(contact);
        return null;
    }

    private Action<XmlWriter>? RemoveContactFromImList(XElement request, SimulatedMailbox box, long? arrivedAt)
    {
        var contact = ImContact(Convert(request.Element(M + "ContactId"), box), box);

        // Every group that holds the contact is saved.
        store.Save(arrivedAt, RemoveConflict, box.GroupsOf(contact).ToArray());
        box.DeleteContact(contact);
        return null;
    }

    private Action<XmlWriter> AddDistributionGroup(XElement request, SimulatedMailbox box, RenderOptions render)
    {
        var smtp = Required(request, "SmtpAddress");
        var name = Required(request, "DisplayName");
        if (!IsSmtpSyntax(smtp))
        {
            throw new SimulatedError("ErrorInvalidImDistributionGroupSmtpAddress", "The specified Im Distribution Group Smtp Address is invalid.");
        }

        // Syntax only: there is no directory lookup. The same address again returns the existing entry.
        var group = box.Groups.Find(g => g.GroupType == GroupTypes.DistributionGroup && string.Equals(g.SmtpAddress, smtp, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            CheckGroupLimit(box);
            group = box.AddGroup(name, GroupTypes.DistributionGroup, smtp);
        }

        return w => ImItemXml.WriteGroup(w, box, group, render, ImItemXml.M);
    }

    private Action<XmlWriter>? RemoveDistributionGroup(XElement request, SimulatedMailbox box)
    {
        var group = AnyGroup(Convert(request.Element(M + "GroupId"), box), box);
        if (group.GroupType != GroupTypes.DistributionGroup)
        {
            throw new SimulatedError("ErrorInvalidImGroupId", "The specified Im Group Id is invalid.");
        }

        box.Groups.Remove(group);
        return null;
    }

    /// <summary>The server's id conversion, before any UCS code runs.</summary>
    private SimulatedId Convert(XElement? element, SimulatedMailbox box)
    {
        var id = (string?)element?.Attribute("Id") ?? string.Empty;
        var hasChangeKey = !string.IsNullOrEmpty((string?)element?.Attribute("ChangeKey"));
        if (id.Length == 0)
        {
            throw new SimulatedError("ErrorInvalidIdEmpty", "The Id is empty.");
        }

        var decoded = SimulatedId.TryDecode(id) ?? throw new SimulatedError("ErrorInvalidIdMalformed", "Id is malformed.");
        var owner = store.Find(decoded.Mailbox)
            ?? throw new SimulatedError("ErrorNonExistentMailbox", "No mailbox with such guid.", messageXml: new Dictionary<string, string> { ["MailboxGuid"] = decoded.Mailbox });
        if (decoded.Kind == SimulatedItemKind.Persona)
        {
            throw new SimulatedError("ErrorInvalidOperation", "The operation is not valid for a persona id.");
        }

        bool exists;
        lock (owner.Sync)
        {
            exists = owner.FindContact(id) is not null || owner.FindGroup(id) is not null || owner.OtherItemIds.Contains(id);
        }

        // Without a ChangeKey a missing item fails here; with one it reaches the UCS code and fails there.
        if ((!exists || !ReferenceEquals(owner, box)) && !hasChangeKey)
        {
            throw new SimulatedError("ErrorItemNotFound", "The specified object was not found in the store.");
        }

        return decoded;
    }

    private static SimulatedContact ImContact(SimulatedId id, SimulatedMailbox box) =>
        (id.Kind == SimulatedItemKind.Contact ? box.FindContact(id.Encode()) : null)
            ?? throw new SimulatedError("ErrorInvalidImContactId", "The specified Im Contact Id is invalid.");

    private static SimulatedGroup AnyGroup(SimulatedId id, SimulatedMailbox box) =>
        (id.Kind == SimulatedItemKind.Group ? box.FindGroup(id.Encode()) : null)
            ?? throw new SimulatedError("ErrorInvalidImGroupId", "The specified Im Group Id is invalid.");

    private static IEnumerable<string> Ids(XElement request, string arrayName) =>
        request.Element(M + arrayName)?.Elements(T + "ItemId").Select(e => (string?)e.Attribute("Id") ?? string.Empty) ?? Enumerable.Empty<string>();

    // Versions newer than Exchange2013 skip schema validation, so a missing required string surfaces as an internal error.
    private static string Required(XElement request, string name) =>
        (string?)request.Element(M + name) is { Length: > 0 } value
            ? value
            : throw new SimulatedError("ErrorInternalServerError", "An internal server error occurred. The operation failed.", isFault: true);

    private static void CheckGroupLimit(SimulatedMailbox box)
    {
        if (box.Groups.Count(g => !g.IsSystem) >= SimulatedMailbox.MaxGroups)
        {
            throw new SimulatedError("ErrorImGroupLimitReached", "The maximum number of IM groups has been reached.");
        }
    }

    private static bool IsSmtpSyntax(string address)
    {
        try
        {
            return new MailAddress(address).Address == address;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
