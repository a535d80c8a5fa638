using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Bulk;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Get-ImItem: details of IM contacts and groups by id (GetImItems). Ids from the whole pipeline are sent together,
    /// one request per mailbox, when the pipeline ends.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ImItem")]
    [OutputType(typeof(ImItemList))]
    public sealed class GetImItemCommand : ImReadCmdlet
    {
        private readonly ImItemRequestBatcher batcher = new ImItemRequestBatcher();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public ContactIdParameter[]? ContactId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter[]? GroupId { get; set; }

        /// <summary>IM contacts by IM address, resolved through the mailbox's list (read once per mailbox).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.ImAddressCompleter))]
        public string[]? ImAddress { get; set; }

        /// <summary>IM groups by display name, resolved through the mailbox's list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string[]? GroupName { get; set; }

        /// <summary>
        /// Returns the personas of the requested groups' members too (one more request per mailbox): on unless
        /// -IncludeMembers:$false, since the server answers group ids with the groups alone.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeMembers { get; set; }

        private bool WithMembers => !MyInvocation.BoundParameters.ContainsKey(nameof(IncludeMembers)) || IncludeMembers.IsPresent;

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            // A blank id cell is fine beside any address or group name in the same row.
            var name = (ImAddress ?? Array.Empty<string>()).Concat(GroupName ?? Array.Empty<string>()).FirstOrDefault(n => InputText.Given(n) is not null);
            foreach (var id in (IEnumerable<ItemIdParameter>?)ContactId ?? Array.Empty<ItemIdParameter>())
            {
                yield return (nameof(ContactId), ItemIdParameter.ProblemUnless(id, name));
            }

            foreach (var id in (IEnumerable<ItemIdParameter>?)GroupId ?? Array.Empty<ItemIdParameter>())
            {
                yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(id, name));
            }
        }

        protected override void ProcessRecord()
        {
            var contacts = (ContactId ?? Array.Empty<ContactIdParameter>()).Where(c => c.Id is not null).Select(c => c.Id!).ToList();
            var groups = (GroupId ?? Array.Empty<GroupIdParameter>()).Where(g => g.Id is not null).Select(g => g.Id!).ToList();

            // As everywhere, an id wins over a name: a piped Persona carries both ContactId and ImAddress.
            var addresses = contacts.Count == 0 ? Names(ImAddress) : new List<string>();
            var groupNames = groups.Count == 0 ? Names(GroupName) : new List<string>();
            ForCurrentInput(row => CollectAsync(row, contacts, groups, addresses, groupNames));
        }

        private async Task CollectAsync(PipelineRow row, List<ItemId> contacts, List<ItemId> groups, List<string> addresses, List<string> groupNames)
        {
            if (contacts.Count == 0 && groups.Count == 0 && addresses.Count == 0 && groupNames.Count == 0)
            {
                throw new MissingInputException("NoItemId", "Give at least one -ContactId, -ImAddress, -GroupId or -GroupName.");
            }

            if (addresses.Count > 0 || groupNames.Count > 0)
            {
                var list = await row.ListAsync().ConfigureAwait(false);
                contacts.AddRange(addresses.Select(a => list.RequireContact(a).Id));
                groups.AddRange(groupNames.Select(n => list.RequireGroup(n).Id));
            }

            batcher.Add(row.Mailbox, contacts, groups);
        }

        private static List<string> Names(string[]? values) =>
            (values ?? Array.Empty<string>()).Select(InputText.Given).OfType<string>().ToList();

        protected override void EndProcessing()
        {
            base.EndProcessing();
            foreach (var request in batcher.Requests())
            {
                try
                {
                    WriteObject(Fetch(request));
                }
                catch (EwsException ex)
                {
                    WriteFailure(ex, new PSObject(request));
                }
            }
        }

        private ImItemList Fetch(ImItemRequest request) => ImItemFetch.Run(request, ExtendedProperties, WithMembers, operation => Invoke(operation, request.Mailbox).Value, missing =>
            WriteWarning($"GetImItems {request.Mailbox.Label} returned nothing for {missing.Count} of the ids asked for: {string.Join(", ", missing)}. "
                + "The server leaves out ids it does not find (deleted, from another mailbox, or a contact in no group) without an error."));
    }
}
