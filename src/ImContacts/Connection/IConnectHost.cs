using System;
using System.Threading.Tasks;

namespace ImContacts.Connection
{
    /// <summary>
    /// What ConnectionOpener needs of the command that runs it: lines for the user, callable from any thread while
    /// <see cref="Wait"/> runs (they are written on the command's thread as they come), and that wait.
    /// </summary>
    internal interface IConnectHost
    {
        void Verbose(string text);

        void Warning(string text);

        /// <summary>A message the user must see at once (a device code to type in on another device).</summary>
        void Show(string text);

        /// <summary>Whether verbose lines are shown: some cost a round trip to make.</summary>
        bool VerboseShown { get; }

        /// <summary>Runs <paramref name="work"/> on the thread pool and waits for it, writing its lines meanwhile; Ctrl+C ends the wait.</summary>
        T Wait<T>(Func<Task<T>> work);
    }
}
