using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Editing;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>Rename-ImGroup: renames an IM user group (SetImGroup).</summary>
    [Cmdlet(VerbsCommon.Rename, "ImGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImGroup))]
    public sealed class RenameImGroupCommand : ImWriteCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string NewName { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName));
            yield return (nameof(NewName), InputText.NameProblem(InputText.Given(NewName), nameof(NewName)));
        }

        protected override void ProcessRecord()
        {
            var (groupId, groupName, newName) = (GroupId?.Id, GroupName, NewName);
            ForCurrentInput(
                row => RenameAsync(row, groupId, groupName, newName),
                new[] { RowQueue.Key("group", groupId?.Id ?? groupName), RowQueue.Key("group", newName) });
        }

        private async Task RenameAsync(PipelineRow row, ItemId? groupId, string? groupName, string newNameGiven)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            var newName = InputText.Given(newNameGiven) ?? throw new ArgumentException("-NewName is empty. Give the group's new name.", nameof(NewName));
            var group = Find(row, list, groupId, groupName, newName);
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
                    row.Warning($"The group {known.Describe()} in {list.Owner} already has that name; nothing to do.");
                    PassThruGroup(row, known.ToImGroup());
                    return;
                }
            }

            if (!row.Confirm(list, $"Rename IM group {group.Describe()} to '{newName}'"))
            {
                return;
            }

            await new RenameGroupEdit(list, group.Id, newName).ApplyAsync(row).ConfigureAwait(false);
            if (group.Known is not null)
            {
                PassThruGroup(row, group.Known.ToImGroup());
            }
            else if (PassThru)
            {
                var read = (await row.InvokeAsync(new GetImItemsOperation(Array.Empty<ItemId>(), new[] { group.Id }, Array.Empty<ExtendedPropertyPath>()), row.Mailbox).ConfigureAwait(false)).Value;
                foreach (var renamed in read.Groups)
                {
                    row.Output(renamed);
                }
            }
        }

        /// <summary>The group to rename; null (after a warning) when a re-run finds it already renamed.</summary>
        private GroupTarget? Find(PipelineRow row, ImListState list, ItemId? groupId, string? groupName, string newName)
        {
            if (groupId is not null || InputText.Given(groupName) is null)
            {
                return GroupTarget.Resolve(list, groupId, groupName) ?? throw new MissingInputException("NoGroup", "Give the group with -GroupId or -GroupName.");
            }

            if (list.FindGroup(groupName!) is { } byName)
            {
                return GroupTarget.Of(byName);
            }

            if (list.FindGroup(newName) is { IsUserGroup: true } renamed)
            {
                row.Warning($"{list.Owner} has no group '{InputText.Given(groupName)}' but has {renamed.Describe()}: it was already renamed; nothing to do.");
                PassThruGroup(row, renamed.ToImGroup());
                return null;
            }

            return GroupTarget.Of(list.RequireGroup(groupName!));
        }

        private void PassThruGroup(PipelineRow row, ImGroup group)
        {
            if (PassThru)
            {
                row.Output(group);
            }
        }
    }
}
