using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// One list in numbers (Measure-ImContactList), from a snapshot of it, live or from a file: what it holds, how much
    /// room Exchange's limits leave, and what Teams' contact migration (at most 1,000 contacts and 64 groups, no
    /// distribution groups, no telephone contacts) would leave behind, with one verdict and the reasons for it.
    /// </summary>
    internal static class ListReport
    {
        public static ImContactListReport Of(ImContactListSnapshot list, InternalDomains? internalDomains, int unnamedContacts = 0)
        {
            var userGroups = list.Groups.Where(g => g.Kind == ImGroupKinds.UserGroup).Select(g => g.Name).ToList();
            var userGroupNames = new HashSet<string>(userGroups, StringComparer.OrdinalIgnoreCase);
            var usedGroups = new HashSet<string>(list.Contacts.SelectMany(c => c.Groups), StringComparer.OrdinalIgnoreCase);
            var distributionGroups = list.Groups.Count(g => g.Kind == ImGroupKinds.DistributionGroup);

            var phones = list.Contacts.Where(IsTelephone).ToList();
            var imContacts = list.Contacts.Where(c => !IsTelephone(c)).ToList();
            int? telephone = list.HoldsTelephoneContacts ? phones.Count : null;
            var contacts = list.Contacts.Count + unnamedContacts;
            var migrated = imContacts.Count + unnamedContacts;
            var contactsBeyond = Math.Max(0, migrated - ImContactListReport.TeamsContactLimit);
            var groupsBeyond = Math.Max(0, userGroups.Count - ImContactListReport.TeamsGroupLimit);
            int? external = internalDomains is null ? null : imContacts.Count(c => !internalDomains.Holds(c.ImAddress));

            var report = new ImContactListReport
            {
                Mailbox = list.Mailbox,
                TakenAt = list.TakenAt,
                Contacts = contacts,
                UserGroups = userGroups.Count,
                DistributionGroups = distributionGroups,
                TelephoneContacts = telephone,
                UngroupedContacts = list.Contacts.Count(c => !c.Groups.Any(userGroupNames.Contains)),
                EmptyGroups = userGroups.Count(g => !usedGroups.Contains(g)),
                ContactHeadroom = Math.Max(0, ImListLimits.MaxContacts - contacts),
                GroupHeadroom = Math.Max(0, ImListLimits.MaxGroups - userGroups.Count - distributionGroups),
                ExternalContacts = external,
                ContactsBeyondLimit = contactsBeyond,
                GroupsBeyondLimit = groupsBeyond,
                LeftBehind = distributionGroups + (telephone ?? 0) + contactsBeyond + groupsBeyond,
            };

            var reasons = new List<string>();
            var notReady = distributionGroups > 0 || telephone > 0 || contactsBeyond > 0 || groupsBeyond > 0;
            if (distributionGroups > 0)
            {
                reasons.Add(Text($"{distributionGroups} distribution group(s) left behind"));
            }

            if (telephone > 0)
            {
                reasons.Add(Text($"{telephone} telephone contact(s) left behind"));
            }

            if (contactsBeyond > 0)
            {
                reasons.Add(Text($"{migrated:N0} contacts: {contactsBeyond:N0} beyond the {ImContactListReport.TeamsContactLimit:N0} Teams takes"));
            }

            if (groupsBeyond > 0)
            {
                reasons.Add(Text($"{userGroups.Count} user groups: {groupsBeyond} beyond the {ImContactListReport.TeamsGroupLimit} Teams takes"));
            }

            if (external > 0)
            {
                reasons.Add(Text($"{external} contact(s) outside -InternalDomain: Teams needs external access for their domains"));
            }

            if (!list.HoldsTelephoneContacts)
            {
                reasons.Add("telephone contacts unknown (a format 1 snapshot)");
            }

            if (contacts == 0 && list.Groups.All(g => g.Kind is ImGroupKinds.Favorites or ImGroupKinds.OtherContacts or ImGroupKinds.Tagged))
            {
                reasons.Add("empty list (a user not in Unified Contact Store keeps contacts on Skype for Business Server)");
            }

            report.Verdict = notReady ? ImListReadiness.NotReady : external > 0 ? ImListReadiness.Review : ImListReadiness.Ready;
            report.Reasons = string.Join("; ", reasons);
            return report;
        }

        /// <summary>A list that could not be read: one result all the same, with why, and no numbers.</summary>
        public static ImContactListReport Failed(string? mailbox, string error, string? errorCode) => new ImContactListReport
        {
            Mailbox = mailbox,
            Verdict = ImListReadiness.Failed,
            Reasons = "the list could not be read",
            Error = error,
            ErrorCode = errorCode,
        };

        private static bool IsTelephone(ImSnapshotContact contact) => contact.IsTelephone || TelUris.OfImAddress(contact.ImAddress) is not null;

        private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
