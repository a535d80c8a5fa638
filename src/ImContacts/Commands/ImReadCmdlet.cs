using System;
using System.Management.Automation;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>The cmdlets that read IM items: -ExtendedProperty, checked once per pipeline.</summary>
    public abstract class ImReadCmdlet : ImCmdlet
    {
        /// <summary>MAPI properties to return with each item, e.g. '0x3001:String' (PR_DISPLAY_NAME).</summary>
        [Parameter]
        [ValidateNotNull]
        public ExtendedPropertyPath[]? ExtendedProperty { get; set; }

        /// <summary>The validated -ExtendedProperty values (none when not given).</summary>
        protected ExtendedPropertyPath[] ExtendedProperties { get; private set; } = Array.Empty<ExtendedPropertyPath>();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                foreach (var property in ExtendedProperty ?? Array.Empty<ExtendedPropertyPath>())
                {
                    property.Validate();
                }
            }
            catch (ArgumentException ex)
            {
                // An invalid property is an invalid invocation: no input could succeed with it.
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidExtendedProperty", "-ExtendedProperty: " + ArgumentMessage.Of(ex), ExtendedProperty));
            }

            ExtendedProperties = ExtendedProperty ?? Array.Empty<ExtendedPropertyPath>();
        }

        /// <summary>Writes one error record for an input that failed on the pipeline thread; the pipeline goes on with the next.</summary>
        protected void WriteFailure(Exception exception, object target)
        {
            if (ReportingEwsCaller.FailureNote(exception) is { } note)
            {
                WriteVerbose(note);
            }

            Streams.Error(ErrorRecords.FromException(exception, target));
        }
    }
}
