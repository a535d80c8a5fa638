using System;

namespace ImContacts.Auth
{
    /// <summary>A sign-in or token renewal failed. The message names the cause and never carries a secret.</summary>
    public sealed class SignInException : Exception
    {
        public SignInException(string message, string errorCode, bool isTransient = false)
            : base(message)
        {
            ErrorCode = errorCode;
            IsTransient = isTransient;
        }

        /// <summary>The identity platform's error code (e.g. invalid_client, AADSTS7000215) or one of ours.</summary>
        public string ErrorCode { get; }

        /// <summary>True when trying again later may succeed (the sign-in service was busy or unreachable).</summary>
        public bool IsTransient { get; }
    }
}
