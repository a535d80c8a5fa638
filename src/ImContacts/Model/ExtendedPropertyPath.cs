using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace ImContacts.Model
{
    /// <summary>
    /// Names a MAPI property (t:PathToExtendedFieldType): either a PropertyTag, or a property set
    /// (DistinguishedPropertySetId or PropertySetId) with a PropertyName or PropertyId; PropertyType always.
    /// Accepts the text forms "0x3001:String" and "PublicStrings:MyProp:String" / "{guid}:0x8233:Integer".
    /// </summary>
    public sealed class ExtendedPropertyPath
    {
        internal static readonly string[] PropertyTypes =
        {
            "ApplicationTime", "ApplicationTimeArray", "Binary", "BinaryArray", "Boolean", "CLSID", "CLSIDArray",
            "Currency", "CurrencyArray", "Double", "DoubleArray", "Error", "Float", "FloatArray", "Integer",
            "IntegerArray", "Long", "LongArray", "Null", "Object", "ObjectArray", "Short", "ShortArray",
            "SystemTime", "SystemTimeArray", "String", "StringArray",
        };

        internal static readonly string[] DistinguishedPropertySets =
        {
            "Meeting", "Appointment", "Common", "PublicStrings", "Address", "InternetHeaders",
            "CalendarAssistant", "UnifiedMessaging", "Task", "Sharing",
        };

        private static readonly Regex HexTag = new Regex("^(0x|0X)[0-9A-Fa-f]{1,4}$", RegexOptions.CultureInvariant);
        private static readonly Regex Guid = new Regex(
            "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", RegexOptions.CultureInvariant);

        /// <summary>For PowerShell's hashtable conversion: @{ PropertyTag = '0x3001'; PropertyType = 'String' }.</summary>
        public ExtendedPropertyPath()
        {
        }

        /// <summary>Parses "0x3001:String" or "&lt;set&gt;:&lt;name or id&gt;:&lt;type&gt;".</summary>
        public ExtendedPropertyPath(string text)
        {
            var parts = (text ?? string.Empty).Split(':').Select(p => p.Trim()).ToArray();
            if (parts.Length == 2)
            {
                PropertyTag = parts[0];
                PropertyType = parts[1];
            }
            else if (parts.Length == 3)
            {
                var set = parts[0].Trim('{', '}');
                if (Guid.IsMatch(set))
                {
                    PropertySetId = set;
                }
                else
                {
                    DistinguishedPropertySetId = set;
                }

                if (TryParseInt(parts[1], out var id))
                {
                    PropertyId = id;
                }
                else
                {
                    PropertyName = parts[1];
                }

                PropertyType = parts[2];
            }
            else
            {
                throw new ArgumentException(
                    $"'{text}' is not an extended property. Use 'Tag:Type' (for example '0x3001:String') or 'PropertySet:NameOrId:Type' (for example 'PublicStrings:MyProperty:String').",
                    nameof(text));
            }

            Validate();
        }

        public string? PropertyTag { get; set; }

        public string? PropertyType { get; set; }

        public string? DistinguishedPropertySetId { get; set; }

        public string? PropertySetId { get; set; }

        public string? PropertyName { get; set; }

        public int? PropertyId { get; set; }

        /// <summary>Checks the combination the schema allows and normalises the spelling of enumerations.</summary>
        public void Validate()
        {
            PropertyType = Canonical(PropertyType, PropertyTypes, "PropertyType")
                ?? throw new ArgumentException($"An extended property needs a PropertyType, one of: {string.Join(", ", PropertyTypes)}.");
            DistinguishedPropertySetId = Canonical(DistinguishedPropertySetId, DistinguishedPropertySets, "DistinguishedPropertySetId");

            if (PropertyTag is not null)
            {
                if (DistinguishedPropertySetId is not null || PropertySetId is not null || PropertyName is not null || PropertyId is not null)
                {
                    throw new ArgumentException($"Extended property '{this}': a PropertyTag cannot be combined with a property set, name or id.");
                }

                if (!HexTag.IsMatch(PropertyTag) && !ushort.TryParse(PropertyTag, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new ArgumentException($"Extended property '{this}': PropertyTag '{PropertyTag}' must be 0x0000-0xFFFF or 0-65535.");
                }

                return;
            }

            if ((DistinguishedPropertySetId is null) == (PropertySetId is null))
            {
                throw new ArgumentException($"Extended property '{this}': give either a PropertyTag, or exactly one of DistinguishedPropertySetId and PropertySetId.");
            }

            if (PropertySetId is not null && !Guid.IsMatch(PropertySetId))
            {
                throw new ArgumentException($"Extended property '{this}': PropertySetId '{PropertySetId}' is not a GUID.");
            }

            if ((PropertyName is null) == (PropertyId is null))
            {
                throw new ArgumentException($"Extended property '{this}': a property set needs exactly one of PropertyName and PropertyId.");
            }
        }

        public override string ToString()
        {
            if (PropertyTag is not null)
            {
                return $"{PropertyTag}:{PropertyType}";
            }

            var set = DistinguishedPropertySetId ?? PropertySetId;
            var name = PropertyName ?? PropertyId?.ToString(CultureInfo.InvariantCulture);
            return $"{set}:{name}:{PropertyType}";
        }

        private static string? Canonical(string? value, string[] allowed, string what)
        {
            if (value is null)
            {
                return null;
            }

            return allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"{what} '{value}' is not one of: {string.Join(", ", allowed)}.");
        }

        private static bool TryParseInt(string text, out int value)
        {
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        }
    }
}
