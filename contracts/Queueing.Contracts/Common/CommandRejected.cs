namespace Queueing.Contracts.Common;

/// <summary>
/// Response to any command or query that could not be carried out. <see cref="Status"/> follows HTTP
/// (400 bad input, 404 unknown thing, 409 invalid transition) so the Gateway can answer with ProblemDetails.
/// </summary>
public record CommandRejected
{
    public required int Status { get; init; }
    public required string Title { get; init; }
    public required string Detail { get; init; }
    /// <summary>The request field at fault, when one is (for example <c>procedure</c>).</summary>
    public string? Field { get; init; }
}
