using System;
using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>Rename-ImGroup: renames an IM user group (SetImGroup).</summary>
    [Cmdlet(VerbsCommon.Rename, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImGroup))]
    public sealed class RenameImGroupCommand : ImListCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GroupName { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string NewName { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var newName = Given(NewName) ?? throw new ArgumentException("-NewName is empty. Give the group's new name.", nameof(NewName));
            var group = Find(list, newName);
            if (group is null)
            {
                return;
            }

            if (group.Known is { } known)
            {
                if (!known.IsUserGroup)
                {
                    throw new ImListException(ImListErrorKind.InvalidTarget, "ErrorInvalidImGroupId",
                        $"{known.Describe()} is a {known.Kind}; only user groups can be renamed. Nothing was sent.", list.Mailbox);
                }

                if (string.Equals(known.DisplayName, newName, StringComparison.Ordinal))
                {
                    WriteWarning($"The group {known.Describe()} in {list.Owner} already has that name; nothing to do.");
                    PassThruGroup(known.ToImGroup());
                    return;
                }
            }

            if (!Confirm(list, $"Rename IM group {group.Describe()} to '{newName}'"))
            {
                return;
            }

            Invoke(new SetImGroupOperation(group.Id, newName), mailbox);
            if (group.Known is not null)
            {
                group.Known.DisplayName = newName;
                PassThruGroup(group.Known.ToImGroup());
            }
            else if (PassThru)
            {
                var read = Invoke(new GetImItemsOperation(Array.Empty<ItemId>(), new[] { group.Id }, Array.Empty<ExtendedPropertyPath>()), mailbox).Value;
                foreach (var renamed in read.Groups)
                {
                    WriteObject(renamed);
                }
            }
        });

        /// <summary>The group to rename; null (after a warning) when a re-run finds it already renamed.</summary>
        private GroupTarget? Find(ImListState list, string newName)
        {
            if (GroupId is not null || Given(GroupName) is null)
            {
                return ResolveGroup(list, GroupId, GroupName) ?? throw new MissingInputException("NoGroup", "Give the group with -GroupId or -GroupName.");
            }

            if (list.FindGroup(GroupName!) is { } byName)
            {
                return GroupTarget.Of(byName);
            }

            if (list.FindGroup(newName) is { IsUserGroup: true } renamed)
            {
                WriteWarning($"{list.Owner} has no group '{Given(GroupName)}' but has {renamed.Describe()}: it was already renamed; nothing to do.");
                PassThruGroup(renamed.ToImGroup());
                return null;
            }

            return GroupTarget.Of(list.RequireGroup(GroupName!));
        }

        private void PassThruGroup(ImGroup group)
        {
            if (PassThru)
            {
                WriteObject(group);
            }
        }
    }
}
