using System.Collections.Generic;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// One kind of change to an IM list, written once: the request it sends, the group items the server saves for it
    /// (protocol reference §12: no two requests in flight may save the same one), and its effect on the list as this run
    /// knows it. A cmdlet's row and the Sync/Import runner both apply changes through these.
    /// </summary>
    internal abstract class ListEdit<T>
    {
        protected ListEdit(ImListState list)
        {
            List = list;
        }

        /// <summary>The list the change is made to, as the run knows it.</summary>
        public ImListState List { get; }

        /// <summary>The request that makes the change.</summary>
        public abstract EwsOperation<T> Operation();

        /// <summary>The group items the server saves for the change, read from the list as it is before it (SavedGroups).</summary>
        public abstract IReadOnlyCollection<string> Saves();

        /// <summary>Records in the list what the server did, once it accepted the change.</summary>
        public abstract void Record(T result);

        /// <summary>Sends the change once the groups it saves are free (the row parks until then), and records it.</summary>
        public async Task<EwsCallResult<T>> ApplyAsync(IEwsInvoker ews)
        {
            var result = await ews.ChangeAsync(Operation(), Saves()).ConfigureAwait(false);
            Record(result.Value);
            return result;
        }
    }
}
