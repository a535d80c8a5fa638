using System;
using System.Linq;

namespace ImContacts.Ews
{
    /// <summary>The t:ExchangeVersionType values. The IM-list operations exist from Exchange2013.</summary>
    public static class ExchangeVersions
    {
        /// <summary>Accepted by Exchange 2013-SE and Exchange Online, and the only value under which the server validates requests.</summary>
        public const string Default = "Exchange2013";

        /// <summary>Versions that know the IM-list operations (older ones are answered with ErrorIncorrectSchemaVersion).</summary>
        public static readonly string[] Supported =
        {
            "Exchange2013", "Exchange2013_SP1", "Exchange2015", "Exchange2016", "V2015_10_05", "V2016_01_06",
            "V2016_04_13", "V2016_07_13", "V2016_10_10", "V2017_01_07", "V2017_04_14", "V2017_07_11", "V2017_10_09",
            "V2018_01_08",
        };

        /// <summary>Returns the schema's spelling of a supported version, or null.</summary>
        public static string? Canonical(string? version) =>
            Supported.FirstOrDefault(v => string.Equals(v, version, StringComparison.OrdinalIgnoreCase));
    }
}
