using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImContacts.Connection;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Builds error records whose FullyQualifiedErrorId starts with the EWS ResponseCode (or a stable transport id),
    /// with a real category and the input as TargetObject.
    /// </summary>
    internal static class ErrorRecords
    {
        private static readonly Dictionary<string, ErrorCategory> Categories = new Dictionary<string, ErrorCategory>(StringComparer.Ordinal)
        {
            ["ErrorInvalidImContactId"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidImGroupId"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidImDistributionGroupSmtpAddress"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidIdMalformed"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidIdEmpty"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidId"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidSmtpAddress"] = ErrorCategory.InvalidArgument,
            ["ErrorInvalidOperation"] = ErrorCategory.InvalidOperation,
            ["ErrorUnableToRemoveImContactFromGroup"] = ErrorCategory.InvalidOperation,
            ["ErrorItemNotFound"] = ErrorCategory.ObjectNotFound,
            ["ErrorNonExistentMailbox"] = ErrorCategory.ObjectNotFound,
            ["ErrorImGroupDisplayNameAlreadyExists"] = ErrorCategory.ResourceExists,
            ["ErrorImGroupLimitReached"] = ErrorCategory.LimitsExceeded,
            ["ErrorImContactLimitReached"] = ErrorCategory.LimitsExceeded,
            ["ErrorExceededConnectionCount"] = ErrorCategory.LimitsExceeded,
            ["ErrorServerBusy"] = ErrorCategory.ResourceBusy,
            ["ErrorTooManyObjectsOpened"] = ErrorCategory.ResourceBusy,
            ["ErrorMailboxStoreUnavailable"] = ErrorCategory.ResourceUnavailable,
            ["ErrorMailboxMoveInProgress"] = ErrorCategory.ResourceUnavailable,
            ["ErrorInternalServerTransientError"] = ErrorCategory.ResourceUnavailable,
            ["ErrorAccessDenied"] = ErrorCategory.PermissionDenied,
            ["ErrorImpersonateUserDenied"] = ErrorCategory.PermissionDenied,
            ["ErrorImpersonationDenied"] = ErrorCategory.PermissionDenied,
            ["ErrorImpersonationFailed"] = ErrorCategory.PermissionDenied,
            ["ErrorInvalidLicense"] = ErrorCategory.PermissionDenied,
            ["ErrorSchemaValidation"] = ErrorCategory.ProtocolError,
            ["ErrorInvalidRequest"] = ErrorCategory.ProtocolError,
            ["ErrorIncorrectSchemaVersion"] = ErrorCategory.ProtocolError,
            ["ErrorInvalidServerVersion"] = ErrorCategory.ProtocolError,
            ["ErrorInvalidSchemaVersionForMailboxVersion"] = ErrorCategory.ProtocolError,
        };

        public static ErrorRecord FromException(Exception exception, object? target) => exception switch
        {
            EwsException ews => new ErrorRecord(ews, ews.ErrorId, Categorize(ews), target),
            ImListException list => new ErrorRecord(list, list.ErrorId, Categorize(list), target),
            BackupException backup => new ErrorRecord(backup, "BackupFailed", ErrorCategory.WriteError, target),
            MissingInputException missing => new ErrorRecord(missing, missing.ErrorId, ErrorCategory.InvalidArgument, target),
            ArgumentException argument => new ErrorRecord(argument, "Invalid" + (argument.ParamName ?? "Argument"), ErrorCategory.InvalidArgument, target),
            _ => new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target),
        };

        /// <summary>The terminating error of a Connect-ImService that connected nothing.</summary>
        public static ErrorRecord FromConnectFailure(ConnectFailure failure)
        {
            var cause = failure.InnerException!;
            var record = failure.ErrorId is null
                ? FromException(cause, failure.Target)
                : new ErrorRecord(cause, failure.ErrorId, failure.Kind switch
                {
                    ConnectFailureKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
                    ConnectFailureKind.AuthenticationError => ErrorCategory.AuthenticationError,
                    _ => ErrorCategory.InvalidArgument,
                }, failure.Target);
            if (failure.Details is not null)
            {
                record.ErrorDetails = new ErrorDetails(failure.Details);
            }

            return record;
        }

        /// <summary>The error record of the first of an input's problems (parameter, why), or null when it has none.</summary>
        public static ErrorRecord? FirstProblem(IEnumerable<(string Parameter, string? Problem)> problems, object target) =>
            problems.Where(p => p.Problem is not null).Select(p => InvalidArgument("Invalid" + p.Parameter, p.Problem!, target)).FirstOrDefault();

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        internal static ErrorCategory Categorize(ImListException exception) => exception.Kind switch
        {
            ImListErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ImListErrorKind.LimitReached => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.InvalidArgument,
        };

        internal static ErrorCategory Categorize(EwsException exception) => exception switch
        {
            EwsResponseException response => Categories.TryGetValue(response.ResponseCode, out var category) ? category : ErrorCategory.InvalidOperation,
            EwsTransportException { Failure: EwsTransportFailure.Timeout } => ErrorCategory.OperationTimeout,
            EwsTransportException { Failure: EwsTransportFailure.ConnectionFailed or EwsTransportFailure.ConnectionRefused or EwsTransportFailure.HostNotFound } => ErrorCategory.ConnectionError,
            EwsTransportException { Failure: EwsTransportFailure.CertificateRejected } => ErrorCategory.SecurityError,
            EwsTransportException { HttpStatusCode: 401 } => ErrorCategory.AuthenticationError,
            EwsTransportException { Failure: EwsTransportFailure.SignInFailed or EwsTransportFailure.SignInConnectionClosed } => ErrorCategory.AuthenticationError,
            EwsTransportException { HttpStatusCode: 403 } => ErrorCategory.PermissionDenied,
            EwsTransportException { HttpStatusCode: 503 or 429 } => ErrorCategory.ResourceBusy,
            EwsTransportException => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidResult,
        };
    }
}
