using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// One EWS operation, described once: the children of its request element and how its result is taken
    /// from the parsed response. Envelope, transport and parsing are shared.
    /// </summary>
    internal abstract class EwsOperation<TResult>
    {
        /// <summary>The request element's local name, e.g. AddImContactToGroup.</summary>
        public abstract string Name { get; }

        /// <summary>Writes the children of m:{Name}, in schema order.</summary>
        public abstract void WriteBody(XmlWriter writer);

        /// <summary>Projects a successful response onto the operation's result.</summary>
        public abstract TResult GetResult(EwsResponse response, MailboxTarget mailbox);
    }
}
