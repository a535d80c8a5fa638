using System;
using System.Diagnostics;
using System.Management.Automation;
using ImContacts.Bulk;

namespace ImContacts.Commands
{
    /// <summary>A run's progress bar: after the first second, at most four times a second, and completed at the end if shown.</summary>
    internal sealed class RowProgress
    {
        private const int ActivityId = 0x1C0;
        private static readonly TimeSpan After = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet cmdlet;
        private readonly string activity;
        private readonly OrderedRowRunner rows;
        private readonly ThrottledEwsCaller caller;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private TimeSpan last;
        private bool shown;

        public RowProgress(Cmdlet cmdlet, string activity, OrderedRowRunner rows, ThrottledEwsCaller caller)
        {
            this.cmdlet = cmdlet;
            this.activity = activity;
            this.rows = rows;
            this.caller = caller;
        }

        /// <summary>On the pipeline thread, while it waits on the rows.</summary>
        public void Tick()
        {
            var now = clock.Elapsed;
            if (now < After || now - last < Every)
            {
                return;
            }

            last = now;
            shown = true;
            var record = new ProgressRecord(ActivityId, activity, Summary());
            if (caller.CurrentBackOff is { } backOff)
            {
                record.CurrentOperation = $"Backing off {backOff.Length.TotalSeconds:0.#} s after {backOff.Cause}";
            }

            cmdlet.WriteProgress(record);
        }

        public void Complete()
        {
            if (shown)
            {
                cmdlet.WriteProgress(new ProgressRecord(ActivityId, activity, Summary()) { RecordType = ProgressRecordType.Completed });
            }
        }

        private string Summary() =>
            $"{rows.Written} rows done, {rows.Failed} failed, {caller.Gate.InFlight} requests in flight (at most {caller.Gate.Limit}), {clock.Elapsed.TotalSeconds:0} s";
    }
}
