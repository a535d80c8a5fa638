using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// The changes that turn a mailbox's IM list into the desired one: groups first, then contacts and memberships, then
    /// removals, so that a contact that moves between groups is added to its new group before it leaves its old one (a
    /// contact that leaves its last group leaves the list). Nothing that is already in place is planned.
    /// </summary>
    internal static class ListPlanner
    {
        public static IReadOnlyList<PlannedChange> Plan(ImListState list, DesiredList desired, MirrorScope scope)
        {
            var changes = new List<PlannedChange>();
            var existing = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var group in desired.Groups)
            {
                var known = group.Kind == ImGroupKinds.DistributionGroup && group.SmtpAddress is { } smtp
                    ? list.FindDistributionGroup(smtp) ?? list.FindGroup(group.Name)
                    : list.FindGroup(group.Name);
                if (known is not null)
                {
                    existing.Add(group.Name);
                }
                else if (group.Kind == ImGroupKinds.DistributionGroup && group.SmtpAddress is not null)
                {
                    changes.Add(new PlannedChange(ListChangeAction.AddDistributionGroup, group.Name, smtpAddress: group.SmtpAddress));
                }
                else
                {
                    changes.Add(new PlannedChange(ListChangeAction.CreateGroup, group.Name));
                }
            }

            foreach (var contact in desired.Contacts)
            {
                var known = list.FindContact(contact.ImAddress);
                var groups = contact.Groups;
                if (known is null)
                {
                    changes.Add(new PlannedChange(ListChangeAction.CreateContact, groups[0], contact.ImAddress, contact.DisplayName, telephone: contact.TelUri is null ? null : contact));
                    groups = groups.Skip(1).ToList();
                }

                foreach (var name in groups)
                {
                    var group = name is null ? list.OtherContacts : existing.Contains(name) ? list.FindGroup(name) : null;
                    if (known is null || group is null || !list.IsMember(known.Id, group))
                    {
                        changes.Add(new PlannedChange(ListChangeAction.AddMember, name, contact.ImAddress));
                    }
                }
            }

            if (scope == MirrorScope.None)
            {
                return changes;
            }

            var removedGroups = new List<KnownGroup>();
            foreach (var group in list.Groups)
            {
                var name = group.GroupType == ImGroupTypes.OtherContacts ? null : group.DisplayName;
                var named = group.GroupType == ImGroupTypes.OtherContacts ? desired.NamesGroup(null) : desired.NamesGroup(group.DisplayName);
                if (scope == MirrorScope.WholeList && !named && (group.IsUserGroup || group.IsDistributionGroup))
                {
                    removedGroups.Add(group);
                    continue;
                }

                var inScope = named || scope == MirrorScope.WholeList || (scope == MirrorScope.UserGroups && group.IsUserGroup);
                if (!inScope)
                {
                    continue;
                }

                foreach (var member in group.Members.ToList())
                {
                    var address = list.Contact(member)?.ImAddress;
                    var wanted = (address is not null && desired.Contact(address) is { } contact && contact.IsIn(name))
                        || (desired.KeepsTelephoneContacts && TelUris.OfImAddress(address) is not null);
                    if (!wanted)
                    {
                        changes.Add(new PlannedChange(ListChangeAction.RemoveMember, name ?? group.DisplayName, address is null ? null : ImAddresses.Bare(address), contactId: member));
                    }
                }
            }

            foreach (var group in removedGroups)
            {
                changes.Add(group.IsDistributionGroup
                    ? new PlannedChange(ListChangeAction.RemoveDistributionGroup, group.DisplayName, smtpAddress: group.SmtpAddress)
                    : new PlannedChange(ListChangeAction.RemoveGroup, group.DisplayName));
            }

            return changes;
        }
    }
}
