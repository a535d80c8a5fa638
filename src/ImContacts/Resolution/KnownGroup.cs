using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>An IM group as the pipeline knows it, kept up to date as the pipeline changes it.</summary>
    internal sealed class KnownGroup
    {
        private readonly ImGroup source;

        public KnownGroup(ImGroup source, ItemId id)
        {
            this.source = source;
            Id = id;
            DisplayName = source.DisplayName;
            Members = new HashSet<ItemId>(source.MemberContactIds);
        }

        public ItemId Id { get; }

        public string DisplayName { get; set; }

        public string GroupType => source.GroupType;

        public string? SmtpAddress => source.SmtpAddress;

        public HashSet<ItemId> Members { get; }

        public bool IsUserGroup => GroupType == ImGroupTypes.UserGroup;

        public bool IsDistributionGroup => GroupType == ImGroupTypes.DistributionGroup;

        /// <summary>Favorites, Other Contacts and Tagged: they always exist and do not count toward the group limit.</summary>
        public bool IsSystem => ImGroupTypes.IsSystem(GroupType);

        public bool IsTagged => GroupType == ImGroupTypes.Tagged;

        public string Kind => GroupType switch
        {
            ImGroupTypes.UserGroup => "user group",
            ImGroupTypes.DistributionGroup => "distribution group",
            _ when IsSystem => "system group",
            _ => "group of type " + GroupType,
        };

        public string Describe() => $"'{DisplayName}'";

        /// <summary>The group as output, with the name and members it has now.</summary>
        public ImGroup ToImGroup() =>
            new ImGroup(DisplayName, GroupType, Id, Members.ToList(), source.ExtendedProperties, SmtpAddress, source.Mailbox);

        public override string ToString() => $"'{DisplayName}' ({Kind}, id {Id.Id})";
    }
}
