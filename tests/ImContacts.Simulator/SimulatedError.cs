namespace ImContacts.Simulator;

/// <summary>An EWS error the simulator answers with: a ResponseClass="Error" response (HTTP 200) or, when IsFault, a SOAP fault (HTTP 500).</summary>
public sealed class SimulatedError : Exception
{
    public SimulatedError(string responseCode, string message, bool isFault = false, IReadOnlyDictionary<string, string>? messageXml = null)
        : base(message)
    {
        ResponseCode = responseCode;
        IsFault = isFault;
        MessageXml = messageXml ?? new Dictionary<string, string>();
    }

    public string ResponseCode { get; }

    public bool IsFault { get; }

    public IReadOnlyDictionary<string, string> MessageXml { get; }
}
