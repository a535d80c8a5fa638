using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// A change that is not harmless to send twice: after its first success the server answers a repeat with an error
    /// (the group or membership is gone, the name is taken). When no answer came, the list is read to see whether it ran.
    /// </summary>
    internal abstract class EwsChangeOperation : EwsOperation<EwsResponse>
    {
        /// <summary>Whether <paramref name="list"/>, read after the request was sent, already shows the change.</summary>
        public abstract bool IsAppliedIn(ImItemList list);

        public override EwsResponse GetResult(EwsResponse response, MailboxTarget mailbox) => response;
    }
}
