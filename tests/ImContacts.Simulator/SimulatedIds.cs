using System.Text;

namespace ImContacts.Simulator;

public enum SimulatedItemKind
{
    Contact,
    Group,
    Persona,
    OutlookContact,
}

/// <summary>A decoded simulator item id: which mailbox, which kind of item, which item.</summary>
public sealed record SimulatedId(string Mailbox, SimulatedItemKind Kind, string Key)
{
    private const string Prefix = "ImSim1";

    /// <summary>Ids look like Exchange's: opaque base64 that embeds the mailbox.</summary>
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Prefix}|{Mailbox}|{Kind}|{Key}"));

    public static SimulatedId? TryDecode(string id)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(id)).Split('|');
            return parts.Length == 4 && parts[0] == Prefix && Enum.TryParse<SimulatedItemKind>(parts[2], out var kind)
                ? new SimulatedId(parts[1], kind, parts[3])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
