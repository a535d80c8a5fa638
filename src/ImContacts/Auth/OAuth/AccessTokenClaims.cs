using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Xml;

namespace ImContacts.Auth.OAuth
{
    /// <summary>
    /// What an access token obtained elsewhere says about who it signs in, read from its JWT payload without checking
    /// the signature (only the server can): to name the connection's account, and to tell app-only tokens apart.
    /// </summary>
    internal sealed class AccessTokenClaims
    {
        private AccessTokenClaims(string? user, string? application, bool appOnly)
        {
            User = user;
            Application = application;
            AppOnly = appOnly;
        }

        /// <summary>The signed-in user (upn, preferred_username or unique_name); null for app-only tokens.</summary>
        public string? User { get; }

        /// <summary>The application the token was issued to (appid or azp).</summary>
        public string? Application { get; }

        /// <summary>Issued to an application alone (idtyp=app, or roles and no user): such a token has no mailbox of its own.</summary>
        public bool AppOnly { get; }

        /// <summary>The claims of a JWT; null for a token that is not one (an opaque token), which is passed on all the same.</summary>
        public static AccessTokenClaims? Read(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3 || parts[1].Length == 0 || parts[1].Length > 64 * 1024)
            {
                return null;
            }

            byte[] payload;
            try
            {
                var base64 = parts[1].Replace('-', '+').Replace('_', '/');
                payload = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            }
            catch (FormatException)
            {
                return null;
            }

            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            var hasRoles = false;
            try
            {
                // The JSON reader of System.Runtime.Serialization presents the object as XML: one element per claim.
                using var reader = JsonReaderWriterFactory.CreateJsonReader(payload, XmlDictionaryReaderQuotas.Max);
                reader.MoveToContent();
                if (reader.LocalName != "root" || reader.IsEmptyElement)
                {
                    return null;
                }

                reader.Read();
                while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        reader.Read();
                        continue;
                    }

                    // A claim whose name is no XML name comes as <item item="name">.
                    var name = reader.LocalName == "item" && reader.GetAttribute("item") is { } original ? original : reader.LocalName;
                    var type = reader.GetAttribute("type");
                    if (name == "roles" && type == "array")
                    {
                        hasRoles = true;
                        reader.Skip();
                    }
                    else if (type is "string")
                    {
                        claims[name] = reader.ReadElementContentAsString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (Exception ex) when (ex is XmlException or IOException or InvalidOperationException)
            {
                return null;
            }

            var user = Claim(claims, "upn") ?? Claim(claims, "preferred_username") ?? Claim(claims, "unique_name");
            var application = Claim(claims, "appid") ?? Claim(claims, "azp");
            var appOnly = Claim(claims, "idtyp") == "app" || (user is null && hasRoles && !claims.ContainsKey("scp"));
            return new AccessTokenClaims(appOnly ? null : user, application, appOnly);
        }

        private static string? Claim(Dictionary<string, string> claims, string name) =>
            claims.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;
    }
}
