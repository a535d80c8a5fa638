namespace ImContacts.Ews
{
    /// <summary>The real EWS namespaces: http://, never the https:// variants some docs pages show.</summary>
    internal static class EwsNamespaces
    {
        public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
        public const string Messages = "http://schemas.microsoft.com/exchange/services/2006/messages";
        public const string Types = "http://schemas.microsoft.com/exchange/services/2006/types";
        public const string Errors = "http://schemas.microsoft.com/exchange/services/2006/errors";

        /// <summary>SOAPAction of an operation, as the WSDL binding declares it.</summary>
        public static string SoapAction(string operation) => Messages + "/" + operation;
    }
}
