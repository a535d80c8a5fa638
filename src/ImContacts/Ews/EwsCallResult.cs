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

        /// <summary>Time from the first attempt to the answer, back-off waits included.</summary>
        public TimeSpan Duration { get; private set; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; private set; } = 1;

        /// <summary>True when no answer came but a fresh read of the list showed the change made.</summary>
        public bool Verified { get; private set; }

        internal EwsCallResult<T> After(int attempts, TimeSpan duration, bool verified = false)
        {
            Attempts = attempts;
            Duration = duration;
            Verified = verified;
            return this;
        }
    }
}
