using System;
using System.Collections.Generic;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// What one mailbox's IM list should hold: groups (by name, with their kind), contacts (by IM address) and which
    /// groups each contact is in. Built from a snapshot or from desired-state rows; a group name of null is Other Contacts.
    /// </summary>
    internal sealed class DesiredList
    {
        private readonly Dictionary<string, ImSnapshotGroup> groups = new Dictionary<string, ImSnapshotGroup>(StringComparer.OrdinalIgnoreCase);
        private readonly List<ImSnapshotGroup> groupOrder = new List<ImSnapshotGroup>();
        private readonly Dictionary<string, DesiredContact> contacts = new Dictionary<string, DesiredContact>(StringComparer.OrdinalIgnoreCase);
        private readonly List<DesiredContact> contactOrder = new List<DesiredContact>();

        public DesiredList(MailboxTarget mailbox)
        {
            Mailbox = mailbox;
        }

        /// <summary>The mailbox the state is for.</summary>
        public MailboxTarget Mailbox { get; }

        public IReadOnlyList<ImSnapshotGroup> Groups => groupOrder;

        public IReadOnlyList<DesiredContact> Contacts => contactOrder;

        /// <summary>
        /// True when the state cannot speak for telephone contacts (a version 1 snapshot left them out): a mirror then
        /// leaves every telephone contact where it is.
        /// </summary>
        public bool KeepsTelephoneContacts { get; set; }

        /// <summary>Rows that could not be taken (a bad address): with them missing, nothing may be removed from this list.</summary>
        public int RejectedRows { get; set; }

        /// <summary>Adds a group (once; the first kind given stands); null or empty is Other Contacts, which always exists.</summary>
        public void AddGroup(string? name, string kind = ImGroupKinds.UserGroup, string? smtpAddress = null)
        {
            var key = Normalize(name);
            if (key is null || groups.ContainsKey(key))
            {
                return;
            }

            var group = new ImSnapshotGroup(key, kind, smtpAddress);
            groups.Add(key, group);
            groupOrder.Add(group);
        }

        /// <summary>Adds a contact (once per address, without sip:) and its membership of <paramref name="groupName"/>.</summary>
        public void AddMember(string? groupName, string imAddress, string? displayName = null, string? emailAddress = null, string? telUri = null, string? telephoneNumber = null)
        {
            AddGroup(groupName);
            var address = ImAddresses.Bare(imAddress);
            if (!contacts.TryGetValue(address, out var contact))
            {
                contact = new DesiredContact(address, Normalize(displayName), Normalize(emailAddress), Normalize(telUri), Normalize(telephoneNumber));
                contacts.Add(address, contact);
                contactOrder.Add(contact);
            }

            contact.AddGroup(Normalize(groupName));
        }

        /// <summary>
        /// One desired-state row (Sync-ImContactList, piped or from a file): its contact's membership; or, for a row that
        /// cannot be taken (<paramref name="problem"/> found by the caller, or a bad address or name), the parameter and
        /// why, counted in RejectedRows.
        /// </summary>
        public (string Parameter, string Problem)? TakeRow(string? groupName, string? imAddress, string? displayName, (string Parameter, string Problem)? problem = null)
        {
            problem ??= RowProblem(imAddress, groupName, displayName);
            if (problem is not null)
            {
                RejectedRows++;
                return problem;
            }

            AddMember(groupName, imAddress!, displayName);
            return null;
        }

        /// <summary>Whether the state names this group (null: Other Contacts).</summary>
        public bool NamesGroup(string? name) => Normalize(name) is { } key ? groups.ContainsKey(key) : contactOrder.Exists(c => c.IsIn(null));

        public DesiredContact? Contact(string imAddress) => contacts.TryGetValue(ImAddresses.Bare(imAddress), out var contact) ? contact : null;

        /// <summary>What is wrong with one desired-state row: the parameter and why; null when nothing.</summary>
        private static (string Parameter, string Problem)? RowProblem(string? imAddress, string? groupName, string? displayName)
        {
            if (string.IsNullOrWhiteSpace(imAddress))
            {
                return ("ImAddress", "-ImAddress is empty: each row names a contact by its IM address.");
            }

            if (ImAddresses.Problem(imAddress, "ImAddress") is { } address)
            {
                return ("ImAddress", address);
            }

            if (InputText.NameProblem(InputText.Given(groupName), "GroupName") is { } group)
            {
                return ("GroupName", group);
            }

            return InputText.NameProblem(InputText.Given(displayName), "DisplayName") is { } name ? ("DisplayName", name) : null;
        }

        private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
    }

    internal sealed class DesiredContact
    {
        private readonly List<string?> groups = new List<string?>();

        public DesiredContact(string imAddress, string? displayName, string? emailAddress, string? telUri = null, string? telephoneNumber = null)
        {
            ImAddress = imAddress;
            DisplayName = displayName;
            EmailAddress = emailAddress;
            TelUri = telUri;
            TelephoneNumber = telUri is null ? null : telephoneNumber;
        }

        /// <summary>The address without sip:.</summary>
        public string ImAddress { get; }

        public string? DisplayName { get; }

        public string? EmailAddress { get; }

        /// <summary>A telephone contact's tel: URI: it is created with AddNewTelUriContactToGroup. Null for an IM contact.</summary>
        public string? TelUri { get; }

        public string? TelephoneNumber { get; }

        /// <summary>The groups it should be in, in the order given; null is Other Contacts.</summary>
        public IReadOnlyList<string?> Groups => groups;

        public bool IsIn(string? groupName) => groups.Exists(g => string.Equals(g, groupName, StringComparison.OrdinalIgnoreCase));

        internal void AddGroup(string? name)
        {
            if (!IsIn(name))
            {
                groups.Add(name);
            }
        }
    }
}
