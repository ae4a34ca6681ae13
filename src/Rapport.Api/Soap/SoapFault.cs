using Rapport.Api.Errors;

namespace Rapport.Api.Soap;

/// <summary>Who caused a fault: the sender (bad input, 4xx in REST terms) or the receiver (the server).</summary>
public enum SoapFaultCode { Sender, Receiver, MustUnderstand, VersionMismatch }

/// <summary>A fault to send back, with the problem it carries in its detail.</summary>
public sealed class SoapFaultException(SoapFaultCode code, Problem problem) : Exception(problem.Detail)
{
    public SoapFaultCode Code { get; } = code;
    public Problem Problem { get; } = problem;

    public static SoapFaultException Sender(string detail, string? field = null, int status = 400) =>
        new(SoapFaultCode.Sender, new Problem(status, status switch { 401 => "Unauthorized", 403 => "Forbidden", 413 => "Payload Too Large", 415 => "Unsupported Media Type", _ => "Bad Request" },
            detail, field is null ? null : new Dictionary<string, string[]> { [field] = [detail] }));

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
    /// The HTTP status of the fault response: 401, 403, 413 and 415 keep their HTTP meaning, other
    /// sender faults answer 400 (SOAP 1.2 §7.5.2; the REST status is in the detail), receiver faults 500.
    /// </summary>
    public int HttpStatus => Code == SoapFaultCode.Receiver ? 500 : Problem.Status is 401 or 403 or 413 or 415 ? Problem.Status : 400;
}
