using System;
using System.Collections.Generic;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>Reads the IM payload types (t:ImItemListType, t:ImGroupType, t:PersonaType) into the model.</summary>
    internal static class ImItemReader
    {
        private const string T = EwsNamespaces.Types;

        public static ImItemList ReadImItemList(XmlReader reader, string? mailbox)
        {
            var groups = new List<ImGroup>();
            var personas = new List<Persona>();
            reader.ForEachChild(r =>
            {
                if (r.Is(T, "Groups"))
                {
                    r.ForEachChild(g => g.Is(T, "ImGroup") && Add(groups, ReadImGroup(g, mailbox)));
                    return true;
                }

                if (r.Is(T, "Personas"))
                {
                    r.ForEachChild(p => p.Is(T, "Persona") && Add(personas, ReadPersona(p, mailbox)));
                    return true;
                }

                return false;
            });
            return new ImItemList(groups, personas, mailbox);
        }

        public static ImGroup ReadImGroup(XmlReader reader, string? mailbox)
        {
            string? displayName = null;
            string? groupType = null;
            ItemId? groupId = null;
            string? smtpAddress = null;
            var members = new List<ItemId>();
            var properties = new List<ExtendedPropertyValue>();

            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI != T)
                {
                    return false;
                }

                switch (r.LocalName)
                {
                    case "DisplayName": displayName = r.ReadElementContentAsString(); return true;
                    case "GroupType": groupType = r.ReadTrimmedText(); return true;
                    case "ExchangeStoreId": groupId = ReadItemId(r); return true;
                    case "SmtpAddress": smtpAddress = r.ReadTrimmedText(); return true;
                    case "MemberCorrelationKey":
                        r.ForEachChild(m => m.Is(T, "ItemId") && Add(members, ReadItemId(m)));
                        return true;
                    case "ExtendedProperties":
                        r.ForEachChild(e => e.Is(T, "ExtendedProperty") && Add(properties, ReadExtendedProperty(e)));
                        return true;
                    default: return false;
                }
            });

            return new ImGroup(
                displayName ?? string.Empty,
                groupType ?? string.Empty,
                groupId,
                members,
                properties,
                string.IsNullOrEmpty(smtpAddress) ? null : smtpAddress,
                mailbox);
        }

        public static Persona ReadPersona(XmlReader reader, string? mailbox)
        {
            ItemId? personaId = null;
            string? personaType = null, displayName = null, givenName = null, surname = null, email = null, imAddress = null;
            DateTimeOffset? created = null;
            var attributions = new List<PersonaAttribution>();
            var properties = new List<ExtendedPropertyValue>();

            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI != T)
                {
                    return false;
                }

                switch (r.LocalName)
                {
                    case "PersonaId": personaId = ReadItemId(r); return true;
                    case "PersonaType": personaType = r.ReadTrimmedText(); return true;
                    case "CreationTime": created = r.ReadDateTime(); return true;
                    case "DisplayName": displayName = r.ReadElementContentAsString(); return true;
                    case "GivenName": givenName = r.ReadElementContentAsString(); return true;
                    case "Surname": surname = r.ReadElementContentAsString(); return true;
                    case "ImAddress": imAddress = r.ReadTrimmedText(); return true;
                    case "EmailAddress": email = ReadEmailAddress(r); return true;
                    case "Attributions":
                        r.ForEachChild(a => a.Is(T, "Attribution") && Add(attributions, ReadAttribution(a)));
                        return true;
                    case "ExtendedProperties":
                        r.ForEachChild(e => e.Is(T, "ExtendedPropertyAttributedValue") && ReadAttributedExtendedProperty(e, properties));
                        return true;
                    default: return false;
                }
            });

            if (personaId is null)
            {
                throw new EwsFormatException("a Persona has no PersonaId");
            }

            return new Persona(personaId, personaType, created, Empty(displayName), Empty(givenName), Empty(surname),
                Empty(email), Empty(imAddress), attributions, properties, mailbox);
        }

        private static PersonaAttribution ReadAttribution(XmlReader reader)
        {
            string? id = null, displayName = null, folderId = null;
            ItemId? sourceId = null;
            bool? writable = null, quick = null, hidden = null;
            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI != T)
                {
                    return false;
                }

                switch (r.LocalName)
                {
                    case "Id": id = r.ReadTrimmedText(); return true;
                    case "SourceId": sourceId = ReadItemId(r); return true;
                    case "DisplayName": displayName = r.ReadElementContentAsString(); return true;
                    case "IsWritable": writable = r.ReadBoolean(); return true;
                    case "IsQuickContact": quick = r.ReadBoolean(); return true;
                    case "IsHidden": hidden = r.ReadBoolean(); return true;
                    case "FolderId": folderId = r.GetAttribute("Id"); r.Skip(); return true;
                    default: return false;
                }
            });

            if (sourceId is null)
            {
                throw new EwsFormatException("a persona Attribution has no SourceId");
            }

            return new PersonaAttribution(id ?? string.Empty, sourceId, displayName, writable, quick, hidden, folderId);
        }

        // Schema: t:EmailAddressType has an EmailAddress child; the docs' samples write Address. Accept both.
        private static string? ReadEmailAddress(XmlReader reader)
        {
            string? address = null;
            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI == T && (r.LocalName == "EmailAddress" || r.LocalName == "Address"))
                {
                    address = r.ReadTrimmedText();
                    return true;
                }

                return false;
            });
            return address;
        }

        private static bool ReadAttributedExtendedProperty(XmlReader reader, List<ExtendedPropertyValue> into)
        {
            reader.ForEachChild(r => r.Is(T, "Value") && Add(into, ReadExtendedProperty(r)));
            return true;
        }

        /// <summary>Reads t:ExtendedPropertyType: ExtendedFieldURI then Value or Values/Value.</summary>
        private static ExtendedPropertyValue ReadExtendedProperty(XmlReader reader)
        {
            ExtendedPropertyPath? path = null;
            var values = new List<string>();
            var multi = false;
            reader.ForEachChild(r =>
            {
                if (r.NamespaceURI != T)
                {
                    return false;
                }

                switch (r.LocalName)
                {
                    case "ExtendedFieldURI":
                        path = new ExtendedPropertyPath
                        {
                            PropertyTag = r.GetAttribute("PropertyTag"),
                            PropertyType = r.GetAttribute("PropertyType"),
                            DistinguishedPropertySetId = r.GetAttribute("DistinguishedPropertySetId"),
                            PropertySetId = r.GetAttribute("PropertySetId"),
                            PropertyName = r.GetAttribute("PropertyName"),
                            PropertyId = r.IntAttribute("PropertyId"),
                        };
                        r.Skip();
                        return true;
                    case "Value": values.Add(r.ReadElementContentAsString()); return true;
                    case "Values":
                        multi = true;
                        r.ForEachChild(v => v.Is(T, "Value") && Add(values, v.ReadElementContentAsString()));
                        return true;
                    default: return false;
                }
            });

            return new ExtendedPropertyValue(path ?? new ExtendedPropertyPath(), values, multi);
        }

        private static ItemId ReadItemId(XmlReader reader)
        {
            var id = reader.GetAttribute("Id");
            var changeKey = reader.GetAttribute("ChangeKey");
            reader.Skip();
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new EwsFormatException("an item id has no Id attribute");
            }

            return new ItemId(id!, changeKey);
        }

        private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static bool Add<T1>(List<T1> list, T1 item)
        {
            list.Add(item);
            return true;
        }
    }
}
