using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// The snapshot file format: UTF-8 JSON, one snapshot object or an array of them, marked "format" and "version".
    /// Written and read with the JSON reader and writer of System.Runtime.Serialization (in .NET Framework and .NET
    /// alike, so no JSON library has to be loaded into Windows PowerShell), one snapshot at a time.
    /// </summary>
    internal static class SnapshotJson
    {
        public const string FormatName = "ImContacts.ContactList";

        /// <summary>Writes one snapshot object as the element <paramref name="name"/> ("root" for a file of one, "item" in an array).</summary>
        public static void Write(XmlDictionaryWriter writer, ImContactListSnapshot snapshot, string name = "root")
        {
            writer.WriteStartElement(name);
            writer.WriteAttributeString("type", "object");
            Text(writer, "format", FormatName);
            Number(writer, "version", snapshot.FormatVersion);
            Text(writer, "mailbox", snapshot.Mailbox);
            Text(writer, "takenAt", snapshot.TakenAt.ToString("o", CultureInfo.InvariantCulture));
            Text(writer, "serverVersion", snapshot.ServerVersion);
            Array(writer, "groups", snapshot.Groups, group =>
            {
                Text(writer, "name", group.Name);
                Text(writer, "kind", group.Kind);
                Text(writer, "smtpAddress", group.SmtpAddress);
            });
            Array(writer, "contacts", snapshot.Contacts, contact =>
            {
                Text(writer, "imAddress", contact.ImAddress);
                Text(writer, "displayName", contact.DisplayName);
                Text(writer, "emailAddress", contact.EmailAddress);
                Text(writer, "telUri", contact.TelUri);
                Text(writer, "telephoneNumber", contact.TelephoneNumber);
                writer.WriteStartElement("groups");
                writer.WriteAttributeString("type", "array");
                foreach (var group in contact.Groups)
                {
                    writer.WriteStartElement("item");
                    writer.WriteAttributeString("type", "string");
                    writer.WriteString(group);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            });
            writer.WriteEndElement();
        }

        public static XmlDictionaryWriter CreateWriter(Stream stream) =>
            JsonReaderWriterFactory.CreateJsonWriter(stream, new UTF8Encoding(false), ownsStream: false, indent: true, indentChars: "  ");

        /// <summary>The snapshots of a file: one object, or an array of objects, read one at a time.</summary>
        public static IEnumerable<ImContactListSnapshot> Read(Stream stream, string source)
        {
            using var reader = JsonReaderWriterFactory.CreateJsonReader(stream, new XmlDictionaryReaderQuotas { MaxDepth = 16, MaxStringContentLength = 1 << 20, MaxArrayLength = 1 << 20 });
            reader.MoveToContent();
            var type = reader.GetAttribute("type");
            if (type == "object")
            {
                yield return ReadSnapshot(reader, source);
                yield break;
            }

            if (type != "array")
            {
                throw new InvalidDataException($"{source} is not a snapshot file: it holds neither a snapshot object nor an array of them.");
            }

            if (reader.IsEmptyElement)
            {
                yield break;
            }

            reader.Read();
            var index = 0;
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                yield return ReadSnapshot(reader, $"{source}, snapshot {++index}");
            }
        }

        private static ImContactListSnapshot ReadSnapshot(XmlReader reader, string source)
        {
            string? format = null, version = null, mailbox = null, takenAt = null, server = null;
            var groups = new List<ImSnapshotGroup>();
            var contacts = new List<ImSnapshotContact>();
            Fields(reader, name =>
            {
                switch (name)
                {
                    case "format": format = reader.ReadElementContentAsString(); break;
                    case "version": version = reader.ReadElementContentAsString(); break;
                    case "mailbox": mailbox = Value(reader); break;
                    case "takenAt": takenAt = Value(reader); break;
                    case "serverVersion": server = Value(reader); break;
                    case "groups": Items(reader, () => groups.Add(ReadGroup(reader, source))); break;
                    case "contacts": Items(reader, () => contacts.Add(ReadContact(reader, source))); break;
                    default: reader.Skip(); break;
                }
            });

            if (format != FormatName)
            {
                throw new InvalidDataException($"{source} is not an ImContacts snapshot (its \"format\" is {(format is null ? "missing" : $"'{format}'")}, not '{FormatName}').");
            }

            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > ImContactListSnapshot.CurrentFormatVersion)
            {
                throw new InvalidDataException($"{source} has snapshot format version {version ?? "(none)"}; this ImContacts reads versions 1 to {ImContactListSnapshot.CurrentFormatVersion}.");
            }

            var taken = DateTimeOffset.TryParse(takenAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
            return new ImContactListSnapshot(mailbox, taken, server, groups, contacts, number);
        }

        private static ImSnapshotGroup ReadGroup(XmlReader reader, string source)
        {
            string? name = null, kind = null, smtp = null;
            Fields(reader, field =>
            {
                switch (field)
                {
                    case "name": name = Value(reader); break;
                    case "kind": kind = Value(reader); break;
                    case "smtpAddress": smtp = Value(reader); break;
                    default: reader.Skip(); break;
                }
            });
            var known = ImGroupKinds.Parse(kind) ?? throw new InvalidDataException($"{source}: group '{name}' has the kind '{kind}', which is none of Favorites, OtherContacts, Tagged, UserGroup, DistributionGroup.");
            return new ImSnapshotGroup(name ?? throw new InvalidDataException($"{source}: a group has no name."), known, smtp);
        }

        private static ImSnapshotContact ReadContact(XmlReader reader, string source)
        {
            string? address = null, name = null, email = null, telUri = null, number = null;
            var groups = new List<string>();
            Fields(reader, field =>
            {
                switch (field)
                {
                    case "imAddress": address = Value(reader); break;
                    case "displayName": name = Value(reader); break;
                    case "emailAddress": email = Value(reader); break;
                    case "telUri": telUri = Value(reader); break;
                    case "telephoneNumber": number = Value(reader); break;
                    case "groups": Items(reader, () => groups.Add(Value(reader) ?? string.Empty)); break;
                    default: reader.Skip(); break;
                }
            });
            if (telUri is not null)
            {
                // Created again from these two (AddNewTelUriContactToGroup): a broken one would make a contact nobody can call.
                var why = TelUris.TelUriProblem(telUri, "telUri") ?? (string.IsNullOrWhiteSpace(number) ? "it has a telUri but no telephoneNumber." : null);
                if (why is not null)
                {
                    throw new InvalidDataException($"{source}: telephone contact '{address}': {why}");
                }
            }

            return new ImSnapshotContact(address ?? throw new InvalidDataException($"{source}: a contact has no imAddress."), name, email, groups, telUri, telUri is null ? null : number);
        }

        /// <summary>Calls <paramref name="field"/> for each member of the object the reader is on; it must consume the member.</summary>
        private static void Fields(XmlReader reader, Action<string> field)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            reader.Read();
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                // A member whose name is no XML name comes as <item item="name">.
                field(reader.LocalName == "item" && reader.GetAttribute("item") is { } original ? original : reader.LocalName);
            }

            reader.ReadEndElement();
        }

        private static void Items(XmlReader reader, Action item)
        {
            if (reader.IsEmptyElement || reader.GetAttribute("type") == "null")
            {
                reader.Skip();
                return;
            }

            reader.Read();
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                item();
            }

            reader.ReadEndElement();
        }

        private static string? Value(XmlReader reader)
        {
            if (reader.GetAttribute("type") == "null")
            {
                reader.Skip();
                return null;
            }

            return reader.ReadElementContentAsString();
        }

        private static void Text(XmlDictionaryWriter writer, string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            writer.WriteStartElement(name);
            writer.WriteAttributeString("type", "string");
            writer.WriteString(value);
            writer.WriteEndElement();
        }

        private static void Number(XmlDictionaryWriter writer, string name, int value)
        {
            writer.WriteStartElement(name);
            writer.WriteAttributeString("type", "number");
            writer.WriteString(value.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        private static void Array<T>(XmlDictionaryWriter writer, string name, IEnumerable<T> items, Action<T> members)
        {
            writer.WriteStartElement(name);
            writer.WriteAttributeString("type", "array");
            foreach (var item in items)
            {
                writer.WriteStartElement("item");
                writer.WriteAttributeString("type", "object");
                members(item);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }
}
