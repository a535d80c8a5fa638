using System;
using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Adds a distribution group to the list by its SMTP address (AddDistributionGroupToImList). Like a new user group it
    /// saves only a new item, so it claims nothing.
    /// </summary>
    internal sealed class AddDistributionGroupEdit : ListEdit<ImGroup>
    {
        private readonly string smtpAddress;
        private readonly string displayName;

        public AddDistributionGroupEdit(ImListState list, string smtpAddress, string displayName)
            : base(list)
        {
            this.smtpAddress = smtpAddress;
            this.displayName = displayName;
        }

        public override EwsOperation<ImGroup> Operation() => new AddDistributionGroupToImListOperation(smtpAddress, displayName);

        public override IReadOnlyCollection<string> Saves() => Array.Empty<string>();

        public override void Record(ImGroup result) => List.RecordGroupAdded(result);
    }
}
