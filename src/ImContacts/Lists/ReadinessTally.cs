using System.Globalization;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>A run's verdicts counted, for the line that ends Measure-ImContactList.</summary>
    internal sealed class ReadinessTally
    {
        private readonly int[] counts = new int[4];

        public int Mailboxes { get; private set; }

        public int Failed => counts[(int)ImListReadiness.Failed];

        public void Add(ImListReadiness verdict)
        {
            Mailboxes++;
            counts[(int)verdict]++;
        }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} mailbox(es): {1} ready, {2} to review, {3} not ready, {4} failed.",
            Mailboxes, counts[(int)ImListReadiness.Ready], counts[(int)ImListReadiness.Review], counts[(int)ImListReadiness.NotReady], Failed);
    }
}
