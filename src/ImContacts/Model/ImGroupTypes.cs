namespace ImContacts.Model
{
    /// <summary>The item classes that are an IM group's GroupType.</summary>
    public static class ImGroupTypes
    {
        public const string Favorites = "IPM.DistList.MOC.Favorites";
        public const string OtherContacts = "IPM.DistList.MOC.OtherContacts";
        public const string Tagged = "IPM.DistList.MOC.Tagged";
        public const string UserGroup = "IPM.DistList.MOC.UserGroup";
        public const string DistributionGroup = "IPM.DistList.MOC.DG";

        public static bool IsSystem(string groupType) => groupType is Favorites or OtherContacts or Tagged;
    }
}
