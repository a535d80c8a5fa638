using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ImContacts.Commands
{
    /// <summary>The version of the PowerShell engine a cmdlet runs in, for behaviour that changed between versions.</summary>
    internal static class EngineVersion
    {
        /// <summary>For tests of older engines' behaviour: per runspace, the PowerShell version to assume instead of $PSVersionTable's.</summary>
        internal static ConditionalWeakTable<Runspace, string> Assumed { get; } = new ConditionalWeakTable<Runspace, string>();

        /// <summary>Whether <paramref name="cmdlet"/> runs in a PowerShell before <paramref name="major"/>.<paramref name="minor"/> (an unreadable version counts as old).</summary>
        public static bool Before(PSCmdlet cmdlet, int major, int minor)
        {
            var table = cmdlet.GetVariableValue("PSVersionTable") as System.Collections.IDictionary;
            var assumed = Runspace.DefaultRunspace is { } runspace && Assumed.TryGetValue(runspace, out var version) ? version : null;
            var text = assumed ?? table?["PSVersion"]?.ToString() ?? "5.1";
            var parts = text.Split('.', '-');
            return !(int.TryParse(parts[0], out var ma) && parts.Length > 1 && int.TryParse(parts[1], out var mi))
                || ma < major || (ma == major && mi < minor);
        }
    }
}
