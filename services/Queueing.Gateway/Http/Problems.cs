using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Queueing.Contracts.Common;

namespace Queueing.Gateway.Http;

/// <summary>Turns rejections from the services into ProblemDetails that name the field at fault.</summary>
public static class Problems
{
    public static ProblemHttpResult From(CommandRejected rejected) => TypedResults.Problem(
        title: rejected.Title,
        detail: rejected.Detail,
        statusCode: rejected.Status,
        extensions: rejected.Field is null ? null : new Dictionary<string, object?>
        {
            ["field"] = rejected.Field,
            ["errors"] = new Dictionary<string, string[]> { [rejected.Field] = [rejected.Detail] },
        });

    public static ProblemHttpResult BadRequest(string field, string detail) =>
        From(new CommandRejected { Status = 400, Title = "Invalid request", Detail = detail, Field = field });

    public static ProblemHttpResult NotFound(string field, string detail) =>
        From(new CommandRejected { Status = 404, Title = "Not found", Detail = detail, Field = field });

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(title: "Service unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
}

/// <summary>
/// The command id of a request: derived from the <c>Idempotency-Key</c> header when the client sends one (so a
/// retried or double-tapped request is the same command), otherwise new.
/// </summary>
public static class CommandIds
{
    public const string Header = "Idempotency-Key";

    public static bool TryGet(HttpContext http, string scope, out Guid commandId, out ProblemHttpResult? problem)
    {
        problem = null;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            commandId = NewId.NextGuid();
            return true;
        }

        if (key.Length > 128)
        {
            commandId = Guid.Empty;
            problem = Problems.BadRequest(Header, "The Idempotency-Key header must be at most 128 characters.");
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"));
        commandId = new Guid(hash.AsSpan(0, 16));
        return true;
    }
}
