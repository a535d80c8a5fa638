using System;
using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>
    /// A portable copy of one IM list (Export-ImContactList): groups, contacts and memberships by names and addresses,
    /// never by ids, so that it can be put into any mailbox (Import-ImContactList).
    /// </summary>
    public sealed class ImContactListSnapshot
    {
        /// <summary>The version of the snapshot format this module writes; it reads this version.</summary>
        public const int CurrentFormatVersion = 1;

        public ImContactListSnapshot(string? mailbox, DateTimeOffset takenAt, string? serverVersion, IReadOnlyList<ImSnapshotGroup> groups, IReadOnlyList<ImSnapshotContact> contacts)
        {
            Mailbox = mailbox;
            TakenAt = takenAt;
            ServerVersion = serverVersion;
            Groups = groups;
            Contacts = contacts;
        }

        public int FormatVersion => CurrentFormatVersion;

        /// <summary>The mailbox the list was read from.</summary>
        public string? Mailbox { get; }

        public DateTimeOffset TakenAt { get; }

        /// <summary>The server's build and schema version when it was read.</summary>
        public string? ServerVersion { get; }

        public IReadOnlyList<ImSnapshotGroup> Groups { get; }

        public IReadOnlyList<ImSnapshotContact> Contacts { get; }

        public override string ToString() => $"{Mailbox}: {Groups.Count} groups, {Contacts.Count} contacts ({TakenAt:u})";
    }

    /// <summary>A group of a snapshot: its name, its kind (Favorites, OtherContacts, Tagged, UserGroup, DistributionGroup) and a distribution group's address.</summary>
    public sealed class ImSnapshotGroup
    {
        public ImSnapshotGroup(string name, string kind, string? smtpAddress)
        {
            Name = name;
            Kind = kind;
            SmtpAddress = smtpAddress;
        }

        public string Name { get; }

        public string Kind { get; }

        public string? SmtpAddress { get; }

        public override string ToString() => Name;
    }

    /// <summary>A contact of a snapshot, by IM address, with the names of the groups it is in.</summary>
    public sealed class ImSnapshotContact
    {
        public ImSnapshotContact(string imAddress, string? displayName, string? emailAddress, IReadOnlyList<string> groups)
        {
            ImAddress = imAddress;
            DisplayName = displayName;
            EmailAddress = emailAddress;
            Groups = groups;
        }

        public string ImAddress { get; }

        public string? DisplayName { get; }

        public string? EmailAddress { get; }

        public IReadOnlyList<string> Groups { get; }

        public override string ToString() => ImAddress;
    }
}
