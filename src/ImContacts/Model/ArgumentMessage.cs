using System;

namespace ImContacts.Model
{
    /// <summary>An ArgumentException's message as users read it: its text names the parameter already.</summary>
    public static class ArgumentMessage
    {
        /// <summary>The message without what .NET adds for ParamName (" (Parameter 'x')"; on .NET Framework, a second line "Parameter name: x").</summary>
        public static string Of(ArgumentException exception) =>
            exception.ParamName is null
                ? exception.Message
                : exception.Message.Replace($" (Parameter '{exception.ParamName}')", string.Empty).Split('\n')[0].Trim();
    }
}
