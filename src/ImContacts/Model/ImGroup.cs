using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>One IM group (t:ImGroupType): a system group, a user group or a distribution-group entry.</summary>
    public sealed class ImGroup
    {
        public ImGroup(
            string displayName,
            string groupType,
            ItemId? groupId,
            IReadOnlyList<ItemId> memberContactIds,
            IReadOnlyList<ExtendedPropertyValue> extendedProperties,
            string? smtpAddress,
            string? mailbox)
        {
            DisplayName = displayName;
            GroupType = groupType;
            GroupId = groupId;
            MemberContactIds = memberContactIds;
            ExtendedProperties = extendedProperties;
            SmtpAddress = smtpAddress;
            Mailbox = mailbox;
        }

        public ItemId? GroupId { get; }

        public string? ChangeKey => GroupId?.ChangeKey;

        public string DisplayName { get; }

        /// <summary>The item class, e.g. IPM.DistList.MOC.UserGroup.</summary>
        public string GroupType { get; }

        /// <summary>Ids of the IM contacts in the group (compare with Persona.ContactId).</summary>
        public IReadOnlyList<ItemId> MemberContactIds { get; }

        public string? SmtpAddress { get; }

        public IReadOnlyList<ExtendedPropertyValue> ExtendedProperties { get; }

        /// <summary>The impersonated mailbox the group was read from; empty for the connected account's own mailbox.</summary>
        public string? Mailbox { get; }

        public override string ToString() => DisplayName;

    }
}
