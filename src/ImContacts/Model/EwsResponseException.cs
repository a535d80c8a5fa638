using System.Collections.Generic;
using System.Linq;

namespace ImContacts.Model
{
    /// <summary>The server answered with an EWS error: a ResponseClass="Error" response (HTTP 200) or a SOAP fault (HTTP 500).</summary>
    public class EwsResponseException : EwsException
    {
        private static readonly HashSet<string> TransientCodes = new HashSet<string>
        {
            "ErrorServerBusy", "ErrorInternalServerTransientError", "ErrorMailboxStoreUnavailable",
            "ErrorTooManyObjectsOpened", "ErrorExceededConnectionCount", "ErrorConnectionFailed",
        };

        public EwsResponseException(
            EwsCallContext context,
            string responseClass,
            string responseCode,
            string? messageText,
            int? descriptiveLinkKey,
            IReadOnlyDictionary<string, string> messageXml,
            bool isSoapFault,
            int httpStatusCode)
            : base(BuildMessage(context, responseCode, messageText, messageXml), context)
        {
            ResponseClass = responseClass;
            ResponseCode = responseCode;
            MessageText = messageText;
            DescriptiveLinkKey = descriptiveLinkKey;
            MessageXml = messageXml;
            IsSoapFault = isSoapFault;
            HttpStatusCode = httpStatusCode;
        }

        public string ResponseClass { get; }

        public string ResponseCode { get; }

        public string? MessageText { get; }

        public int? DescriptiveLinkKey { get; }

        /// <summary>The MessageXml details, by t:Value Name (or element name for other children).</summary>
        public IReadOnlyDictionary<string, string> MessageXml { get; }

        public bool IsSoapFault { get; }

        public int HttpStatusCode { get; }

        public override string ErrorId => ResponseCode;

        public override bool IsTransient => TransientCodes.Contains(ResponseCode);

        private static string BuildMessage(EwsCallContext context, string code, string? text, IReadOnlyDictionary<string, string> details)
        {
            var message = $"{Prefix(context)} failed with {code}";
            if (!string.IsNullOrWhiteSpace(text))
            {
                message += ": " + text!.Trim().TrimEnd('.') + ".";
            }
            else
            {
                message += ".";
            }

            if (details.Count > 0)
            {
                message += " (" + string.Join(", ", details.Select(d => d.Key + "=" + d.Value)) + ")";
            }

            if (code == "ErrorInvalidLicense")
            {
                message += " The mailbox's licence does not include EWS: Exchange Online blocks EWS for Kiosk, F1 and F3 mailboxes since "
                    + "1 July 2026. Give the mailbox a licence with EWS rights, or leave it out of the run.";
            }

            return message;
        }
    }
}
