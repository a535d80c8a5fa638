using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.UnitTests;

/// <summary>The mailboxes tests send requests for, as binding would have decided them.</summary>
internal static class Mailboxes
{
    /// <summary>The connected account's own mailbox, its name not known: no impersonation.</summary>
    public static MailboxTarget Own => MailboxTarget.OwnUnnamed;

    /// <summary>A mailbox to impersonate.</summary>
    public static MailboxTarget For(string address) => MailboxTarget.Impersonated(address);

    /// <summary>Null: the own mailbox; otherwise the address, impersonated.</summary>
    public static MailboxTarget Of(string? address) => address is null ? Own : For(address);

    /// <summary>A list as a row that read it would know it: for the mailbox it names.</summary>
    public static ImListState State(ImItemList list) => new(list, Of(list.Mailbox));
}
