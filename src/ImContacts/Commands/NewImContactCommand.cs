using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ImContacts.Editing;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// New-ImContact: creates an IM contact from an IM address (AddNewImContactToGroup) or a telephone number
    /// (AddNewTelUriContactToGroup), in a group or in "Other Contacts", and returns its persona.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ImContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ImAddressSet)]
    [OutputType(typeof(Persona))]
    public sealed class NewImContactCommand : ImWriteCmdlet
    {
        private const string ImAddressSet = "ImAddress";
        private const string TelUriSet = "TelUri";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ImAddressSet)]
        [ValidateNotNullOrEmpty]
        public string ImAddress { get; set; } = null!;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ImAddressSet)]
        public string? DisplayName { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TelUriSet)]
        [ValidateNotNullOrEmpty]
        public string TelUri { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TelUriSet)]
        [ValidateNotNullOrEmpty]
        public string SipUri { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TelUriSet)]
        [ValidateNotNullOrEmpty]
        public string TelephoneNumber { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public GroupIdParameter? GroupId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        private protected override IEnumerable<(string Parameter, string? Problem)> InputProblems()
        {
            yield return (nameof(ImAddress), ParameterSetName == TelUriSet ? null : ImAddresses.Problem(ImAddress, nameof(ImAddress)));
            if (ParameterSetName == TelUriSet)
            {
                yield return (nameof(TelUri), TelUris.TelUriProblem(TelUri, nameof(TelUri)));
                yield return (nameof(SipUri), TelUris.SipUriProblem(SipUri, nameof(SipUri)));
                yield return (nameof(TelephoneNumber), TelUris.NumberProblem(TelephoneNumber, nameof(TelephoneNumber)));
            }

            yield return (nameof(GroupId), ItemIdParameter.ProblemUnless(GroupId, GroupName));
            yield return (nameof(GroupName), InputColumns.BlankGroup(InputObject, GroupId, GroupName));
            yield return (nameof(DisplayName), InputText.NameProblem(InputText.Given(DisplayName), nameof(DisplayName)));
        }

        protected override void ProcessRecord()
        {
            var byTelUri = ParameterSetName == TelUriSet;
            var (imAddress, displayName, telUri, sipUri, telephoneNumber) = (ImAddress, DisplayName, TelUri, SipUri, TelephoneNumber);
            var (groupId, groupName) = (GroupId?.Id, GroupName);
            var key = byTelUri ? RowQueue.Key("tel", telUri) : RowQueue.Key("contact", ImAddresses.Bare(imAddress ?? string.Empty));
            ForCurrentInput(row => CreateAsync(row, byTelUri, imAddress!, displayName, telUri, sipUri, telephoneNumber, groupId, groupName), new[] { key });
        }

        private static async Task CreateAsync(
            PipelineRow row, bool byTelUri, string imAddress, string? displayName, string telUri, string sipUri, string telephoneNumber, ItemId? groupId, string? groupName)
        {
            var list = await row.ListAsync().ConfigureAwait(false);
            var group = GroupTarget.Resolve(list, groupId, groupName);
            var effectiveGroup = group?.Known ?? (group is null ? list.OtherContacts : null);
            var where = group?.Describe() ?? "'Other Contacts'";

            if (byTelUri)
            {
                list.CheckContactLimit();
                if (row.Confirm(list, $"Create IM telephone contact {telUri} ({telephoneNumber}) in group {where}"))
                {
                    var tel = await new CreateTelephoneContactEdit(list, telUri, sipUri, telephoneNumber, group?.Id).ApplyAsync(row).ConfigureAwait(false);
                    row.Output(tel.Value);
                }

                return;
            }

            var address = ImAddresses.Bare(imAddress);
            var name = InputText.Given(displayName);
            var existing = list.FindContact(address);
            string? keptName = null;
            if (existing?.Persona is { } persona)
            {
                // The server would reuse the contact unchanged; without a group it would also add it to Other Contacts.
                if (group is null || effectiveGroup is not null && list.IsMember(existing.Id, effectiveGroup))
                {
                    row.Warning($"{existing.Describe()} already is in {list.Owner}{(group is null ? string.Empty : $" and in group {where}")}; returning it unchanged.");
                    row.Output(persona);
                    return;
                }

                keptName = name is not null && persona.DisplayName != name ? persona.DisplayName : null;
            }
            else
            {
                list.CheckContactLimit();
            }

            if (!row.Confirm(list, $"Create IM contact <{address}>{(name is null ? string.Empty : $" '{name}'")} in group {where}"))
            {
                return;
            }

            var result = await new CreateContactEdit(list, address, name, group?.Id).ApplyAsync(row).ConfigureAwait(false);

            // Only now: a row that parks at Change runs again from the start, and would say it twice.
            if (keptName is not null)
            {
                row.Warning($"{existing!.Describe()} already is in {list.Owner}; it is added to group {where}, and its display name stays '{keptName}'.");
            }

            row.Output(result.Value);
        }
    }
}
