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

        public static ImItemList ReadImItemList(XmlDictionaryReader reader, string? mailbox)
        {
            var groups = new List<ImGroup>();
            var personas = new List<Persona>();
            for (var list = reader.EnterChildren(); reader.NextChild(list);)
            {
                if (reader.Is(T, "Groups"))
                {
                    for (var children = reader.EnterChildren(); reader.NextChild(children);)
                    {
                        if (reader.Is(T, "ImGroup"))
                        {
                            groups.Add(ReadImGroup(reader, mailbox));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.Is(T, "Personas"))
                {
                    for (var children = reader.EnterChildren(); reader.NextChild(children);)
                    {
                        if (reader.Is(T, "Persona"))
                        {
                            personas.Add(ReadPersona(reader, mailbox));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return new ImItemList(groups, personas, mailbox);
        }

        public static ImGroup ReadImGroup(XmlDictionaryReader reader, string? mailbox)
        {
            string? displayName = null;
            string? groupType = null;
            ItemId? groupId = null;
            string? smtpAddress = null;
            var members = new List<ItemId>();
            var properties = new List<ExtendedPropertyValue>();

            for (var group = reader.EnterChildren(); reader.NextChild(group);)
            {
                if (!reader.IsNamespaceUri(T))
                {
                    reader.Skip();
                }
                else if (reader.IsLocalName("DisplayName"))
                {
                    displayName = reader.ReadText();
                }
                else if (reader.IsLocalName("GroupType"))
                {
                    groupType = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("ExchangeStoreId"))
                {
                    groupId = ReadItemId(reader);
                }
                else if (reader.IsLocalName("SmtpAddress"))
                {
                    smtpAddress = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("MemberCorrelationKey"))
                {
                    for (var keys = reader.EnterChildren(); reader.NextChild(keys);)
                    {
                        if (reader.Is(T, "ItemId"))
                        {
                            members.Add(ReadItemId(reader));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.IsLocalName("ExtendedProperties"))
                {
                    for (var extended = reader.EnterChildren(); reader.NextChild(extended);)
                    {
                        if (reader.Is(T, "ExtendedProperty"))
                        {
                            properties.Add(ReadExtendedProperty(reader));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return new ImGroup(
                displayName ?? string.Empty,
                groupType ?? string.Empty,
                groupId,
                members,
                properties,
                string.IsNullOrEmpty(smtpAddress) ? null : smtpAddress,
                mailbox);
        }

        public static Persona ReadPersona(XmlDictionaryReader reader, string? mailbox)
        {
            ItemId? personaId = null;
            string? personaType = null, displayName = null, givenName = null, surname = null, email = null, imAddress = null;
            DateTimeOffset? created = null;
            var attributions = new List<PersonaAttribution>();
            var properties = new List<ExtendedPropertyValue>();

            for (var persona = reader.EnterChildren(); reader.NextChild(persona);)
            {
                if (!reader.IsNamespaceUri(T))
                {
                    reader.Skip();
                }
                else if (reader.IsLocalName("PersonaId"))
                {
                    personaId = ReadItemId(reader);
                }
                else if (reader.IsLocalName("PersonaType"))
                {
                    personaType = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("CreationTime"))
                {
                    created = reader.ReadDateTime();
                }
                else if (reader.IsLocalName("DisplayName"))
                {
                    displayName = reader.ReadText();
                }
                else if (reader.IsLocalName("GivenName"))
                {
                    givenName = reader.ReadText();
                }
                else if (reader.IsLocalName("Surname"))
                {
                    surname = reader.ReadText();
                }
                else if (reader.IsLocalName("ImAddress"))
                {
                    imAddress = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("EmailAddress"))
                {
                    email = ReadEmailAddress(reader);
                }
                else if (reader.IsLocalName("Attributions"))
                {
                    for (var children = reader.EnterChildren(); reader.NextChild(children);)
                    {
                        if (reader.Is(T, "Attribution"))
                        {
                            attributions.Add(ReadAttribution(reader));
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.IsLocalName("ExtendedProperties"))
                {
                    for (var children = reader.EnterChildren(); reader.NextChild(children);)
                    {
                        if (reader.Is(T, "ExtendedPropertyAttributedValue"))
                        {
                            ReadAttributedExtendedProperty(reader, properties);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (personaId is null)
            {
                throw new EwsFormatException("a Persona has no PersonaId");
            }

            return new Persona(personaId, personaType, created, Empty(displayName), Empty(givenName), Empty(surname),
                Empty(email), Empty(imAddress), attributions, properties, mailbox);
        }

        private static PersonaAttribution ReadAttribution(XmlDictionaryReader reader)
        {
            string? id = null, displayName = null, folderId = null;
            ItemId? sourceId = null;
            bool? writable = null, quick = null, hidden = null;
            for (var attribution = reader.EnterChildren(); reader.NextChild(attribution);)
            {
                if (!reader.IsNamespaceUri(T))
                {
                    reader.Skip();
                }
                else if (reader.IsLocalName("Id"))
                {
                    id = reader.ReadTrimmedText();
                }
                else if (reader.IsLocalName("SourceId"))
                {
                    sourceId = ReadItemId(reader);
                }
                else if (reader.IsLocalName("DisplayName"))
                {
                    displayName = reader.ReadText();
                }
                else if (reader.IsLocalName("IsWritable"))
                {
                    writable = reader.ReadBoolean();
                }
                else if (reader.IsLocalName("IsQuickContact"))
                {
                    quick = reader.ReadBoolean();
                }
                else if (reader.IsLocalName("IsHidden"))
                {
                    hidden = reader.ReadBoolean();
                }
                else if (reader.IsLocalName("FolderId"))
                {
                    folderId = reader.GetAttribute("Id");
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (sourceId is null)
            {
                throw new EwsFormatException("a persona Attribution has no SourceId");
            }

            return new PersonaAttribution(id ?? string.Empty, sourceId, displayName, writable, quick, hidden, folderId);
        }

        // Schema: t:EmailAddressType has an EmailAddress child; the docs' samples write Address. Accept both.
        private static string? ReadEmailAddress(XmlDictionaryReader reader)
        {
            string? address = null;
            for (var children = reader.EnterChildren(); reader.NextChild(children);)
            {
                if (reader.Is(T, "EmailAddress") || reader.Is(T, "Address"))
                {
                    address = reader.ReadTrimmedText();
                }
                else
                {
                    reader.Skip();
                }
            }

            return address;
        }

        private static void ReadAttributedExtendedProperty(XmlDictionaryReader reader, List<ExtendedPropertyValue> into)
        {
            for (var children = reader.EnterChildren(); reader.NextChild(children);)
            {
                if (reader.Is(T, "Value"))
                {
                    into.Add(ReadExtendedProperty(reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        /// <summary>Reads t:ExtendedPropertyType: ExtendedFieldURI then Value or Values/Value.</summary>
        private static ExtendedPropertyValue ReadExtendedProperty(XmlDictionaryReader reader)
        {
            ExtendedPropertyPath? path = null;
            var values = new List<string>();
            var multi = false;
            for (var property = reader.EnterChildren(); reader.NextChild(property);)
            {
                if (!reader.IsNamespaceUri(T))
                {
                    reader.Skip();
                }
                else if (reader.IsLocalName("ExtendedFieldURI"))
                {
                    path = new ExtendedPropertyPath
                    {
                        PropertyTag = reader.GetAttribute("PropertyTag"),
                        PropertyType = reader.GetAttribute("PropertyType"),
                        DistinguishedPropertySetId = reader.GetAttribute("DistinguishedPropertySetId"),
                        PropertySetId = reader.GetAttribute("PropertySetId"),
                        PropertyName = reader.GetAttribute("PropertyName"),
                        PropertyId = reader.IntAttribute("PropertyId"),
                    };
                    reader.Skip();
                }
                else if (reader.IsLocalName("Value"))
                {
                    values.Add(reader.ReadText());
                }
                else if (reader.IsLocalName("Values"))
                {
                    multi = true;
                    for (var children = reader.EnterChildren(); reader.NextChild(children);)
                    {
                        if (reader.Is(T, "Value"))
                        {
                            values.Add(reader.ReadText());
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

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
    }
}
