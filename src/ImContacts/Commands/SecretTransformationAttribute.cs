using System;
using System.Management.Automation;
using System.Security;

namespace ImContacts.Commands
{
    /// <summary>
    /// Lets a secret parameter take a SecureString or a PSCredential (whose password is the secret, as from
    /// Get-Credential or an Azure Automation credential asset). Plain text is refused so it never sits in history.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                SecureString secure => secure,
                PSCredential credential => credential.Password,
                string => throw new ArgumentTransformationMetadataException(
                    "A secret must not be given as plain text. Pass a SecureString (Read-Host -AsSecureString) or a PSCredential (Get-Credential, Get-AutomationPSCredential)."),
                _ => inputData,
            };
        }
    }
}
