namespace ImContacts.Model
{
    /// <summary>The t:ServerVersionInfo header of a response.</summary>
    public sealed class ServerVersionInfo
    {
        public ServerVersionInfo(int? majorVersion, int? minorVersion, int? majorBuildNumber, int? minorBuildNumber, string? version)
        {
            MajorVersion = majorVersion;
            MinorVersion = minorVersion;
            MajorBuildNumber = majorBuildNumber;
            MinorBuildNumber = minorBuildNumber;
            Version = version;
        }

        public int? MajorVersion { get; }

        public int? MinorVersion { get; }

        public int? MajorBuildNumber { get; }

        public int? MinorBuildNumber { get; }

        /// <summary>The schema version the server answered with, e.g. Exchange2013 or V2018_01_08.</summary>
        public string? Version { get; }

        public override string ToString() => $"{MajorVersion}.{MinorVersion}.{MajorBuildNumber}.{MinorBuildNumber} ({Version})";
    }
}
