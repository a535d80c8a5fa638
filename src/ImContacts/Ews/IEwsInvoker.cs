namespace ImContacts.Ews
{
    /// <summary>Runs one operation to completion for the layers above the client (a cmdlet, or a test over EwsClient).</summary>
    internal interface IEwsInvoker
    {
        EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, string? mailbox);

        /// <summary>Explains a step the caller did not ask for explicitly (PowerShell: the verbose stream).</summary>
        void Explain(string message);
    }
}
