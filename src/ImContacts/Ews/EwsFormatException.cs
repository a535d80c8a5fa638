using System;

namespace ImContacts.Ews
{
    /// <summary>Raised inside the parser when a body is not the EWS response expected; the client turns it into an EwsProtocolException.</summary>
    internal sealed class EwsFormatException : Exception
    {
        public EwsFormatException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
