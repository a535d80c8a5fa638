using System;
using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Creates a user group (AddImGroup). It saves a new group item only, which no other request can be saving, so it
    /// claims nothing. The server answers a name already in use with that group.
    /// </summary>
    internal sealed class CreateGroupEdit : ListEdit<ImGroup>
    {
        private readonly string displayName;

        public CreateGroupEdit(ImListState list, string displayName)
            : base(list)
        {
            this.displayName = displayName;
        }

        /// <summary>The group as the list now knows it, once the change is recorded.</summary>
        public KnownGroup? Created { get; private set; }

        public override EwsOperation<ImGroup> Operation() => new AddImGroupOperation(displayName);

        public override IReadOnlyCollection<string> Saves() => Array.Empty<string>();

        public override void Record(ImGroup result) => Created = List.RecordGroupAdded(result);
    }
}
