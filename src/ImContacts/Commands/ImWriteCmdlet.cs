using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.CompilerServices;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// The cmdlets that change IM lists: -ThrottleLimit requests in flight at once. When ShouldProcess may prompt or
    /// -WhatIf is on, rows run one at a time so that questions and what-if lines come in input order.
    /// </summary>
    public abstract class ImWriteCmdlet : ImListCmdlet
    {
        /// <summary>EWS's default per-account limit on concurrent requests (EWSMaxConcurrency).</summary>
        public const int MaxThrottleLimit = 27;

        /// <summary>Requests in flight at once; 1 processes the rows strictly one after the other.</summary>
        [Parameter]
        [ValidateRange(1, MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 8;

        private protected override int RowsAtOnce => MayPrompt() ? 1 : ThrottleLimit;

        /// <summary>The -PassThru result of a removal row that ended without one: Failed with its cause, or Skipped.</summary>
        private protected static ImRemovalResult UnreportedRemoval(PipelineRow row, string itemType, ItemId? id, string? name) =>
            new ImRemovalResult(row.Mailbox, itemType, id, name,
                row.Failure is null ? ImRemovalStatus.Skipped : ImRemovalStatus.Failed, row.FailureId, TimeSpan.Zero, row.FailedAttempts);

        /// <summary>Whether this run only shows what it would do (-WhatIf, or $WhatIfPreference, which holds even with -Confirm:$false).</summary>
        private protected bool WhatIfRun
        {
            get
            {
                var bound = MyInvocation.BoundParameters;
                return bound.TryGetValue("WhatIf", out var whatIf)
                    ? LanguagePrimitives.IsTrue(whatIf)
                    : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            }
        }

        private bool MayPrompt()
        {
            if (WhatIfRun)
            {
                return true;
            }

            var bound = MyInvocation.BoundParameters;
            if (bound.TryGetValue("Confirm", out var confirm))
            {
                return LanguagePrimitives.IsTrue(confirm);
            }

            return ConfirmPreferenceAsks();
        }

        /// <summary>
        /// Before PowerShell 7.6, a bound -Debug makes ShouldProcess's "Performing the operation" verbose line ask to
        /// continue, so every change prompts and an unattended run stops. Where ShouldProcess would go ahead unasked
        /// (no -WhatIf, no -Confirm, $ConfirmPreference above the cmdlet's impact), the line is written without it.
        /// </summary>
        internal override bool ShouldChange(string target, string action)
        {
            if (DebugBound && EngineBefore(7, 6) && !WhatIfRun && !MyInvocation.BoundParameters.ContainsKey("Confirm") && !ConfirmPreferenceAsks())
            {
                WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
                return true;
            }

            return ShouldProcess(target, action);
        }

        /// <summary>For tests of older engines' behaviour: per runspace, the PowerShell version to assume instead of $PSVersionTable's.</summary>
        internal static ConditionalWeakTable<Runspace, string> AssumedEngineVersions { get; } = new ConditionalWeakTable<Runspace, string>();

        private bool ConfirmPreferenceAsks()
        {
            var impact = GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;
            var preference = GetVariableValue("ConfirmPreference");
            return LanguagePrimitives.TryConvertTo(preference, out ConfirmImpact threshold)
                && threshold != ConfirmImpact.None && threshold <= impact;
        }

        private bool EngineBefore(int major, int minor)
        {
            var table = GetVariableValue("PSVersionTable") as System.Collections.IDictionary;
            var assumed = Runspace.DefaultRunspace is { } runspace && AssumedEngineVersions.TryGetValue(runspace, out var version) ? version : null;
            var text = assumed ?? table?["PSVersion"]?.ToString() ?? "5.1";
            var parts = text.Split('.', '-');
            return !(int.TryParse(parts[0], out var ma) && parts.Length > 1 && int.TryParse(parts[1], out var mi))
                || ma < major || (ma == major && mi < minor);
        }
    }
}
