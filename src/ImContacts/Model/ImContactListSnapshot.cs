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
        /// <summary>
        /// The version of the snapshot format this module writes; it reads it and every earlier one. Version 2 added
        /// telephone contacts, which version 1 left out.
        /// </summary>
        public const int CurrentFormatVersion = 2;

        public ImContactListSnapshot(
            string? mailbox, DateTimeOffset takenAt, string? serverVersion, IReadOnlyList<ImSnapshotGroup> groups, IReadOnlyList<ImSnapshotContact> contacts,
            int formatVersion = CurrentFormatVersion)
        {
            FormatVersion = formatVersion;
            Mailbox = mailbox;
            TakenAt = takenAt;
            ServerVersion = serverVersion;
            Groups = groups;
            Contacts = contacts;
        }

        /// <summary>The format version it was written in (1: without telephone contacts).</summary>
        public int FormatVersion { get; }

        /// <summary>Whether it says which telephone contacts the list held: a version 1 snapshot left them all out.</summary>
        public bool HoldsTelephoneContacts => FormatVersion >= 2;

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

    /// <summary>
    /// A contact of a snapshot, by IM address, with the names of the groups it is in. A telephone contact's IM address is
    /// its SIP URI as the list shows it (+14255550100@contoso.com;user=phone), with its tel: URI and number.
    /// </summary>
    public sealed class ImSnapshotContact
    {
        public ImSnapshotContact(string imAddress, string? displayName, string? emailAddress, IReadOnlyList<string> groups, string? telUri = null, string? telephoneNumber = null)
        {
            ImAddress = imAddress;
            DisplayName = displayName;
            EmailAddress = emailAddress;
            Groups = groups;
            TelUri = telUri;
            TelephoneNumber = telephoneNumber;
        }

        public string ImAddress { get; }

        /// <summary>A telephone contact's tel: URI (what the server finds it again by); null for an IM contact.</summary>
        public string? TelUri { get; }

        /// <summary>A telephone contact's number.</summary>
        public string? TelephoneNumber { get; }

        public bool IsTelephone => TelUri is not null;

        public string? DisplayName { get; }

        public string? EmailAddress { get; }

        public IReadOnlyList<string> Groups { get; }

        public override string ToString() => ImAddress;
    }
}
