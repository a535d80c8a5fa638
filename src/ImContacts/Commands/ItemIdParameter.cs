using System;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// An EWS id as a parameter takes it. Text that is not an EWS id is kept with its Problem, so that its row fails with
    /// a clear error naming the parameter, rather than the whole pipeline failing at binding.
    /// </summary>
    public abstract class ItemIdParameter
    {
        private protected ItemIdParameter(string? text, string parameter)
        {
            Text = text ?? string.Empty;
            Problem = InputText.IdProblem(text, parameter);
            Id = Problem is null ? new ItemId(Text) : null;
        }

        private protected ItemIdParameter(ItemId id)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Text = id.Id;
        }

        /// <summary>This id's problem, unless it is blank and <paramref name="alternative"/> (a name or address) names the item instead.</summary>
        internal static string? ProblemUnless(ItemIdParameter? id, string? alternative) =>
            id is null || (id.IsBlank && !string.IsNullOrWhiteSpace(alternative)) ? null : id.Problem;

        /// <summary>The id; null when the text given is not one (see Problem).</summary>
        public ItemId? Id { get; }

        /// <summary>Why the text given is not an EWS id; null when it is.</summary>
        public string? Problem { get; }

        /// <summary>Empty text (an empty CSV cell): not given, where the cmdlet has another way to name the item.</summary>
        public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Text);

        internal string Text { get; }

        public override string ToString() => Text;
    }
}
