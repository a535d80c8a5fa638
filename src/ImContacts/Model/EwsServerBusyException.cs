using System;
using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>ErrorServerBusy: EWS throttling. BackOff is the server's hint of how long to wait before resending.</summary>
    public sealed class EwsServerBusyException : EwsResponseException
    {
        public EwsServerBusyException(
            EwsCallContext context,
            string responseClass,
            string? messageText,
            IReadOnlyDictionary<string, string> messageXml,
            bool isSoapFault,
            int httpStatusCode,
            TimeSpan? backOff)
            : base(context, responseClass, "ErrorServerBusy", messageText, null, messageXml, isSoapFault, httpStatusCode)
        {
            BackOff = backOff;
        }

        public TimeSpan? BackOff { get; }

        public override bool IsTransient => true;
    }
}
