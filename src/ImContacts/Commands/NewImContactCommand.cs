using System.Management.Automation;
using ImContacts.Ews.Operations;
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
    public sealed class NewImContactCommand : ImListCmdlet
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
        public string? GroupName { get; set; }

        protected override void ProcessRecord() => ForCurrentInput((mailbox, input) =>
        {
            var list = Lists.Get(mailbox);
            var group = ResolveGroup(list, GroupId, GroupName);
            var effectiveGroup = group?.Known ?? (group is null ? list.OtherContacts : null);
            var where = group?.Describe() ?? "'Other Contacts'";

            if (ParameterSetName == TelUriSet)
            {
                list.CheckContactLimit();
                if (Confirm(list, $"Create IM telephone contact {TelUri} ({TelephoneNumber}) in group {where}"))
                {
                    var tel = Invoke(new AddNewTelUriContactToGroupOperation(TelUri.Trim(), SipUri.Trim(), TelephoneNumber.Trim(), group?.Id), mailbox);
                    list.RecordCreated(tel.Value, effectiveGroup);
                    WriteObject(tel.Value);
                }

                return;
            }

            var address = ImAddresses.Bare(ImAddress);
            var name = Given(DisplayName);
            var existing = list.FindContact(address);
            if (existing?.Persona is { } persona)
            {
                // The server would reuse the contact unchanged; without a group it would also add it to Other Contacts.
                if (group is null || effectiveGroup is not null && list.IsMember(existing.Id, effectiveGroup))
                {
                    WriteWarning($"{existing.Describe()} already is in {list.Owner}{(group is null ? string.Empty : $" and in group {where}")}; returning it unchanged.");
                    WriteObject(persona);
                    return;
                }

                if (name is not null && persona.DisplayName != name)
                {
                    WriteWarning($"{existing.Describe()} already is in {list.Owner}; it is added to group {where}, and its display name stays '{persona.DisplayName}'.");
                }
            }
            else
            {
                list.CheckContactLimit();
            }

            if (!Confirm(list, $"Create IM contact <{address}>{(name is null ? string.Empty : $" '{name}'")} in group {where}"))
            {
                return;
            }

            var result = Invoke(new AddNewImContactToGroupOperation(address, name, group?.Id), mailbox);
            list.RecordCreated(result.Value, effectiveGroup);
            WriteObject(result.Value);
        });
    }
}
