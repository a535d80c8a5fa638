using System.Text;
using System.Xml;

namespace ImContacts.Simulator;

/// <summary>Writes response envelopes in Exchange 2013's shape: h:ServerVersionInfo header, default-namespace response element.</summary>
public static class SoapResponseWriter
{
    private const string S = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string E = "http://schemas.microsoft.com/exchange/services/2006/errors";

    public static byte[] Response(string operation, SimulatedError? error, Action<XmlWriter>? payload) => Write(w =>
    {
        w.WriteStartElement("s", "Header", S);
        w.WriteStartElement("h", "ServerVersionInfo", ImItemXml.T);
        w.WriteAttributeString("MajorVersion", "15");
        w.WriteAttributeString("MinorVersion", "0");
        w.WriteAttributeString("MajorBuildNumber", "1497");
        w.WriteAttributeString("MinorBuildNumber", "2");
        w.WriteAttributeString("Version", "V2_23");
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("s", "Body", S);
        w.WriteStartElement(operation + "Response", ImItemXml.M);
        w.WriteAttributeString("ResponseClass", error is null ? "Success" : "Error");
        if (error is not null)
        {
            w.WriteElementString("MessageText", ImItemXml.M, error.Message);
        }

        w.WriteElementString("ResponseCode", ImItemXml.M, error?.ResponseCode ?? "NoError");
        if (error is not null)
        {
            w.WriteElementString("DescriptiveLinkKey", ImItemXml.M, "0");
            if (error.MessageXml.Count > 0)
            {
                w.WriteStartElement("MessageXml", ImItemXml.M);
                WriteValues(w, error.MessageXml);
                w.WriteEndElement();
            }
        }
        else
        {
            payload?.Invoke(w);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    });

    public static byte[] Fault(SimulatedError error) => Write(w =>
    {
        w.WriteStartElement("s", "Body", S);
        w.WriteStartElement("s", "Fault", S);
        w.WriteStartElement("faultcode");
        w.WriteAttributeString("xmlns", "a", null, ImItemXml.T);
        w.WriteString("a:" + error.ResponseCode);
        w.WriteEndElement();
        w.WriteStartElement("faultstring");
        w.WriteAttributeString("xml", "lang", null, "en-US");
        w.WriteString(error.Message);
        w.WriteEndElement();
        w.WriteStartElement("detail");
        w.WriteElementString("e", "ResponseCode", E, error.ResponseCode);
        w.WriteElementString("e", "Message", E, error.Message);
        if (error.MessageXml.Count > 0)
        {
            w.WriteStartElement("t", "MessageXml", ImItemXml.T);
            WriteValues(w, error.MessageXml);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static void WriteValues(XmlWriter w, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            w.WriteStartElement("t", "Value", ImItemXml.T);
            w.WriteAttributeString("Name", name);
            w.WriteString(value);
            w.WriteEndElement();
        }
    }

    private static byte[] Write(Action<XmlWriter> content)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("s", "Envelope", S);
            content(w);
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
