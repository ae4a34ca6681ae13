using Rapport.Api.Errors;

namespace Rapport.Api.Soap;

/// <summary>Who caused a fault: the sender (bad input, 4xx in REST terms) or the receiver (the server).</summary>
public enum SoapFaultCode { Sender, Receiver, MustUnderstand, VersionMismatch }

/// <summary>A fault to send back, with the problem it carries in its detail.</summary>
public sealed class SoapFaultException(SoapFaultCode code, Problem problem) : Exception(problem.Detail)
{
    public SoapFaultCode Code { get; } = code;
    public Problem Problem { get; } = problem;

    /// <summary>The message itself could not be taken as a SOAP envelope (not well-formed, a DTD, a limit broken, not an envelope).</summary>
    public bool Malformed { get; init; }

    public static SoapFaultException Sender(string detail, string? field = null, int status = 400) =>
        new(SoapFaultCode.Sender, new Problem(status, status switch { 401 => "Unauthorized", 403 => "Forbidden", 413 => "Payload Too Large", 415 => "Unsupported Media Type", _ => "Bad Request" },
            detail, field is null ? null : new Dictionary<string, string[]> { [field] = [detail] }));

    /// <summary>A message that is not a usable SOAP envelope: answered 400 (WS-I Basic Profile R1113), or 413/415.</summary>
    public static SoapFaultException Refused(string detail, string field, int status = 400) => new(SoapFaultCode.Sender, Sender(detail, field, status).Problem) { Malformed = true };

    /// <summary>
    /// The fault for any failure of a call, using the problem REST would answer. Client errors are
    /// sender faults, anything at or above 500 a receiver fault.
    /// </summary>
    public static SoapFaultException From(Exception exception)
    {
        if (exception is SoapFaultException fault) return fault;
        var problem = Problem.From(exception);
        return new(problem.Status >= 500 ? SoapFaultCode.Receiver : SoapFaultCode.Sender, problem);
    }

    /// <summary>
    /// The HTTP status of the fault response. A message that is not a usable envelope answers 400, 413
    /// or 415 (WS-I Basic Profile 1.1 R1113, R1115), and authentication 401 or 403, in both versions.
    /// Otherwise SOAP 1.1 faults answer 500 (BP R1126, which SOAP 1.1 toolkits rely on to read the fault),
    /// and SOAP 1.2 faults 400 for the sender and 500 otherwise (SOAP 1.2 part 2, table 20).
    /// The REST status is in the problem detail either way.
    /// </summary>
    public int HttpStatus(SoapVersion version)
    {
        if (Problem.Status is 401 or 403 or 413 or 415) return Problem.Status;
        if (Malformed) return 400;
        return version == SoapVersion.Soap12 && Code == SoapFaultCode.Sender ? 400 : 500;
    }
}
