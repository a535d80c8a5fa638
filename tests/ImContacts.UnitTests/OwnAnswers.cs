namespace ImContacts.UnitTests;

/// <summary>
/// Small valid EWS answers written for these tests, for tests that need an ordinary answer rather than Microsoft's
/// documented samples (which only the sample tests require). Default namespaces, as real servers send them.
/// </summary>
internal static class OwnAnswers
{
    private const string Header =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>"
        + "<h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"0\" MajorBuildNumber=\"1497\" MinorBuildNumber=\"2\" Version=\"V2_23\""
        + " xmlns:h=\"http://schemas.microsoft.com/exchange/services/2006/types\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"/>"
        + "</s:Header><s:Body>";

    private const string Footer = "</s:Body></s:Envelope>";

    private const string List =
        "<ImItemList>"
        + "<Groups xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"><ImGroup>"
        + "<DisplayName>Project X</DisplayName><GroupType>IPM.DistList.MOC.UserGroup</GroupType>"
        + "<ExchangeStoreId Id=\"AAMkR3JvdXAtWA==\" ChangeKey=\"EgAAAA==\"/>"
        + "<MemberCorrelationKey><ItemId Id=\"AAMkQ29udGFjdC1L\" ChangeKey=\"EQAAAA==\"/></MemberCorrelationKey>"
        + "</ImGroup></Groups>"
        + "<Personas xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"><Persona>"
        + "<PersonaId Id=\"AAQkUGVyc29uYS1L\"/><PersonaType>Person</PersonaType><DisplayName>Kim Akers</DisplayName>"
        + "<ImAddress>sip:kim@contoso.com</ImAddress>"
        + "<Attributions><Attribution><Id>0</Id><SourceId Id=\"AAMkQ29udGFjdC1L\" ChangeKey=\"EQAAAA==\"/><DisplayName>Lync Contacts</DisplayName>"
        + "<IsWritable>true</IsWritable><IsQuickContact>false</IsQuickContact><IsHidden>false</IsHidden></Attribution></Attributions>"
        + "</Persona></Personas>"
        + "</ImItemList>";

    /// <summary>AddImContactToGroup succeeded.</summary>
    public const string AddImContactToGroup =
        Header + "<AddImContactToGroupResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
        + "<ResponseCode>NoError</ResponseCode></AddImContactToGroupResponse>" + Footer;

    /// <summary>A list with one user group, Project X, holding one contact, Kim Akers.</summary>
    public const string GetImItemList =
        Header + "<GetImItemListResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
        + "<ResponseCode>NoError</ResponseCode>" + List + "</GetImItemListResponse>" + Footer;

    /// <summary>The same group and contact, as GetImItems answers.</summary>
    public const string GetImItems =
        Header + "<GetImItemsResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
        + "<ResponseCode>NoError</ResponseCode>" + List + "</GetImItemsResponse>" + Footer;
}
