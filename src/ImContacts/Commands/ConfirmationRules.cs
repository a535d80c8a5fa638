using System.Management.Automation;
using System.Reflection;

namespace ImContacts.Commands
{
    /// <summary>What -WhatIf, -Confirm and the preference variables mean for one invocation of a cmdlet that changes lists.</summary>
    internal sealed class ConfirmationRules
    {
        private readonly PSCmdlet cmdlet;

        public ConfirmationRules(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>Whether this run only shows what it would do (-WhatIf, or $WhatIfPreference, which holds even with -Confirm:$false).</summary>
        public bool WhatIfRun => cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? LanguagePrimitives.IsTrue(whatIf)
            : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));

        /// <summary>Whether -Confirm was given, as -Confirm or -Confirm:$false.</summary>
        public bool ConfirmBound => cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm");

        /// <summary>Whether ShouldProcess may ask or answer no: -WhatIf, -Confirm, or $ConfirmPreference at or below the cmdlet's impact.</summary>
        public bool MayPrompt() =>
            WhatIfRun || (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) ? LanguagePrimitives.IsTrue(confirm) : PreferenceAsks());

        /// <summary>Whether $ConfirmPreference asks before a change of the cmdlet's ConfirmImpact.</summary>
        public bool PreferenceAsks()
        {
            var impact = cmdlet.GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;
            return LanguagePrimitives.TryConvertTo(cmdlet.GetVariableValue("ConfirmPreference"), out ConfirmImpact threshold)
                && threshold != ConfirmImpact.None && threshold <= impact;
        }

        /// <summary>
        /// A question asked once for the whole run, as a ConfirmImpact High action would ask it (Import-ImContactList
        /// -Mirror deletes): true, without asking, under -WhatIf, -Confirm:$false or $ConfirmPreference None.
        /// </summary>
        public bool ConfirmedOnce(string query, string caption)
        {
            var confirmOff = cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && !LanguagePrimitives.IsTrue(confirm);
            var preferenceOff = LanguagePrimitives.TryConvertTo(cmdlet.GetVariableValue("ConfirmPreference"), out ConfirmImpact threshold) && threshold == ConfirmImpact.None;
            return WhatIfRun || confirmOff || preferenceOff || cmdlet.ShouldContinue(query, caption);
        }
    }
}
