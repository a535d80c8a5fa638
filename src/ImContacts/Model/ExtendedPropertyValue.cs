using System.Collections.Generic;

namespace ImContacts.Model
{
    /// <summary>A MAPI property value returned for a requested extended property.</summary>
    public sealed class ExtendedPropertyValue
    {
        public ExtendedPropertyValue(ExtendedPropertyPath property, IReadOnlyList<string> values, bool isMultiValued)
        {
            Property = property;
            Values = values;
            IsMultiValued = isMultiValued;
        }

        public ExtendedPropertyPath Property { get; }

        /// <summary>The single value, or null for a multi-valued property.</summary>
        public string? Value => IsMultiValued || Values.Count == 0 ? null : Values[0];

        public IReadOnlyList<string> Values { get; }

        public bool IsMultiValued { get; }

        public override string ToString() => $"{Property} = {(IsMultiValued ? string.Join("; ", Values) : Value)}";
    }
}
