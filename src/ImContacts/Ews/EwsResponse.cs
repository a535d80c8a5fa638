using System.Collections.Generic;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>A parsed m:{Operation}Response: the ResponseMessageType part and whichever payload element it carried.</summary>
    internal sealed class EwsResponse
    {
        public EwsResponse(
            string responseClass,
            string responseCode,
            string? messageText,
            int? descriptiveLinkKey,
            IReadOnlyDictionary<string, string> messageXml,
            ImItemList? imItemList,
            ImGroup? imGroup,
            Persona? persona)
        {
            ResponseClass = responseClass;
            ResponseCode = responseCode;
            MessageText = messageText;
            DescriptiveLinkKey = descriptiveLinkKey;
            MessageXml = messageXml;
            ImItemList = imItemList;
            ImGroup = imGroup;
            Persona = persona;
        }

        public string ResponseClass { get; }

        public string ResponseCode { get; }

        public string? MessageText { get; }

        public int? DescriptiveLinkKey { get; }

        public IReadOnlyDictionary<string, string> MessageXml { get; }

        public ImItemList? ImItemList { get; }

        public ImGroup? ImGroup { get; }

        public Persona? Persona { get; }

        public bool IsError => ResponseClass == "Error";

        /// <summary>The ImItemList payload; a response without one means nothing matched.</summary>
        public ImItemList ImItemListOrEmpty(string? mailbox) =>
            ImItemList ?? new ImItemList(System.Array.Empty<ImGroup>(), System.Array.Empty<Persona>(), mailbox);
    }

    /// <summary>A SOAP fault's code, text and detail.</summary>
    internal sealed class SoapFault
    {
        public SoapFault(string responseCode, string? message, IReadOnlyDictionary<string, string> messageXml)
        {
            ResponseCode = responseCode;
            Message = message;
            MessageXml = messageXml;
        }

        public string ResponseCode { get; }

        public string? Message { get; }

        public IReadOnlyDictionary<string, string> MessageXml { get; }
    }

    /// <summary>A parsed envelope: the server version header and either a response or a fault.</summary>
    internal sealed class EwsEnvelope
    {
        public EwsEnvelope(ServerVersionInfo? serverVersion, EwsResponse? response, SoapFault? fault)
        {
            ServerVersion = serverVersion;
            Response = response;
            Fault = fault;
        }

        public ServerVersionInfo? ServerVersion { get; }

        public EwsResponse? Response { get; }

        public SoapFault? Fault { get; }
    }
}
