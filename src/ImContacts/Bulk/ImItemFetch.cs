using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Get-ImItem's requests for one mailbox's batch of ids: GetImItems, and with members the personas of the groups'
    /// members too (the server answers group ids with the groups alone), in batches of the same size.
    /// </summary>
    internal static class ImItemFetch
    {
        /// <summary>
        /// The items of <paramref name="request"/>, each GetImItems sent by <paramref name="send"/>; <paramref name="dropped"/>
        /// hears of the ids the first answer leaves out (Dropped), before the members are asked for.
        /// </summary>
        public static ImItemList Run(
            ImItemRequest request, IReadOnlyList<ExtendedPropertyPath> properties, bool withMembers, Func<GetImItemsOperation, ImItemList> send, Action<IReadOnlyList<string>> dropped)
        {
            var list = send(new GetImItemsOperation(request.ContactIds, request.GroupIds, properties));
            if (Dropped(request, list) is { Count: > 0 } missing)
            {
                dropped(missing);
            }

            if (!withMembers)
            {
                return list;
            }

            var known = new HashSet<ItemId>(list.Personas.Select(p => p.ContactId).OfType<ItemId>());
            var members = list.Groups.SelectMany(g => g.MemberContactIds).Where(known.Add).ToList();
            var personas = new List<Persona>(list.Personas);
            var memberBatches = new ImItemRequestBatcher();
            memberBatches.Add(request.Mailbox, members, Array.Empty<ItemId>());
            foreach (var chunk in memberBatches.Requests())
            {
                personas.AddRange(send(new GetImItemsOperation(chunk.ContactIds, chunk.GroupIds, properties)).Personas);
            }

            return new ImItemList(list.Groups, personas, request.Mailbox.Name);
        }

        /// <summary>
        /// The ids of <paramref name="request"/> that <paramref name="answer"/> (its first GetImItems) leaves out: the server
        /// skips ids it does not know without an error (protocol reference §12), so they are named ("group …", "contact …").
        /// </summary>
        private static IReadOnlyList<string> Dropped(ImItemRequest request, ImItemList answer)
        {
            var groups = new HashSet<ItemId>(answer.Groups.Select(g => g.GroupId).OfType<ItemId>());
            var contacts = new HashSet<ItemId>(answer.Personas.Select(p => p.ContactId).OfType<ItemId>());
            return request.GroupIds.Where(id => !groups.Contains(id)).Select(id => $"group {id.Id}")
                .Concat(request.ContactIds.Where(id => !contacts.Contains(id)).Select(id => $"contact {id.Id}"))
                .ToList();
        }
    }
}
