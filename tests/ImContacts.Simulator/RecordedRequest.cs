namespace ImContacts.Simulator;

/// <summary>One request as the simulator saw it, for tests to assert on.</summary>
public sealed record RecordedRequest(
    string? Operation,
    string? AuthenticatedUser,
    string? TargetMailbox,
    string? ImpersonatedAddress,
    string? AnchorMailbox,
    string? ClientRequestId,
    string? SoapAction,
    string? ContentType,
    string? AuthorizationScheme,
    string Body,
    int StatusCode,
    string ResponseCode);
