using System.Management.Automation;

namespace ImContacts.Commands
{
    /// <summary>
    /// Every ImContacts cmdlet's verbose, warning and debug lines: they never stop at a prompt under -Debug.
    /// </summary>
    /// <remarks>
    /// A bound -Debug makes a compiled cmdlet's WriteVerbose and WriteWarning ask "Continue with this operation?" on
    /// PowerShell 7.x (its VerbosePreference and WarningPreference become Inquire), and WriteDebug as well on Windows
    /// PowerShell 5.1; a non-interactive session fails there instead. So while -Debug is bound, those lines go through
    /// the engine's own Write-Verbose, Write-Warning and Write-Debug, which write the same records to the same streams
    /// (following the caller's redirection) without asking. Otherwise the cmdlet's own methods are used as usual.
    /// </remarks>
    internal sealed class CmdletStreams
    {
        // Debug and verbose lines are wanted when -Debug is given (it implies -Verbose); a warning keeps the caller's
        // $WarningPreference. Local scope: the caller's preference variables stay as they are.
        private const string Writer = @"
param([string] $Stream, [string] $Message)
switch ($Stream) {
    'Debug' { $DebugPreference = 'Continue'; Microsoft.PowerShell.Utility\Write-Debug -Message $Message }
    'Verbose' { $VerbosePreference = 'Continue'; Microsoft.PowerShell.Utility\Write-Verbose -Message $Message }
    default { Microsoft.PowerShell.Utility\Write-Warning -Message $Message }
}";

        private readonly PSCmdlet cmdlet;
        private ScriptBlock? writer;
        private bool? debugBound;

        public CmdletStreams(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>Writes a verbose line; under -Debug without -Verbose, shown without a prompt.</summary>
        public void Verbose(string text)
        {
            if (DebugBound && !cmdlet.MyInvocation.BoundParameters.ContainsKey("Verbose"))
            {
                WriteThroughEngine("Verbose", text);
            }
            else
            {
                cmdlet.WriteVerbose(text);
            }
        }

        /// <summary>Writes a warning; under -Debug without -WarningAction, as $WarningPreference says and without a prompt.</summary>
        public void Warning(string text)
        {
            if (DebugBound && !cmdlet.MyInvocation.BoundParameters.ContainsKey("WarningAction"))
            {
                WriteThroughEngine("Warning", text);
            }
            else
            {
                cmdlet.WriteWarning(text);
            }
        }

        /// <summary>Writes a debug line; under -Debug shown without a prompt, otherwise as $DebugPreference says.</summary>
        public void Debug(string text)
        {
            if (DebugBound)
            {
                WriteThroughEngine("Debug", text);
            }
            else
            {
                cmdlet.WriteDebug(text);
            }
        }

        /// <summary>
        /// Whether verbose lines would be shown: -Verbose (or -Debug, which implies it), else $VerbosePreference as it is
        /// now. False only when they would not, so that rows need not make and queue lines the engine would drop; read it on
        /// the pipeline thread. A pipeline that sets $VerbosePreference upstream while it runs is not followed.
        /// </summary>
        public bool VerboseShown()
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose) && verbose is SwitchParameter given)
            {
                return given.IsPresent;
            }

            if (DebugBound)
            {
                return true;
            }

            var preference = cmdlet.GetVariableValue("VerbosePreference");
            return !(LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var value)
                && value is ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        }

        /// <summary>Whether -Debug was given (and not as -Debug:$false).</summary>
        public bool DebugBound => debugBound ??=
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true };

        /// <summary>Whether debug lines are shown: -Debug, or a $DebugPreference that shows them.</summary>
        public bool DebugShown => DebugBound
            || cmdlet.GetVariableValue("DebugPreference") is ActionPreference.Continue or ActionPreference.Inquire or ActionPreference.Stop;

        /// <summary>Writes an error record; one that no later input can escape (ReportingEwsCaller.EndsTheRun) ends the run instead.</summary>
        public void Error(ErrorRecord record)
        {
            if (ReportingEwsCaller.EndsTheRun(record.Exception))
            {
                cmdlet.ThrowTerminatingError(record);
            }

            cmdlet.WriteError(record);
        }

        private void WriteThroughEngine(string stream, string text)
        {
            writer ??= ScriptBlock.Create(Writer);
            cmdlet.InvokeCommand.InvokeScript(true, writer, null, stream, text);
        }
    }
}
