using System;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>A successful call: its result and what the caller may want to report about it.</summary>
    internal sealed class EwsCallResult<T>
    {
        public EwsCallResult(T value, EwsCallContext context, EwsResponse response, ServerVersionInfo? serverVersion, TimeSpan duration)
        {
            Value = value;
            Context = context;
            Response = response;
            ServerVersion = serverVersion;
            Duration = duration;
        }

        public T Value { get; }

        public EwsCallContext Context { get; }

        /// <summary>The ResponseMessageType part; ResponseClass may be Warning.</summary>
        public EwsResponse Response { get; }

        public ServerVersionInfo? ServerVersion { get; }

        public TimeSpan Duration { get; }
    }
}
