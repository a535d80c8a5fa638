using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>The kinds of group a snapshot names, as the Kind column of the group view shows them.</summary>
    internal static class ImGroupKinds
    {
        public const string Favorites = "Favorites";
        public const string OtherContacts = "OtherContacts";
        public const string Tagged = "Tagged";
        public const string UserGroup = "UserGroup";
        public const string DistributionGroup = "DistributionGroup";

        public static string Of(string groupType) => groupType switch
        {
            ImGroupTypes.Favorites => Favorites,
            ImGroupTypes.OtherContacts => OtherContacts,
            ImGroupTypes.Tagged => Tagged,
            ImGroupTypes.DistributionGroup => DistributionGroup,
            _ => UserGroup,
        };

        /// <summary>The kind as written in a snapshot, in any case; null when it is none of them.</summary>
        public static string? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
        {
            "favorites" => Favorites,
            "othercontacts" => OtherContacts,
            "tagged" => Tagged,
            "usergroup" or null or "" => UserGroup,
            "distributiongroup" => DistributionGroup,
            _ => null,
        };
    }
}
