using Queueing.Contracts.Common;

namespace Queueing.ServiceDefaults.Messaging;

/// <summary>Shorthands for the rejections consumers answer with.</summary>
public static class Reject
{
    public static CommandRejected BadRequest(string field, string detail) =>
        new() { Status = 400, Title = "Invalid request", Detail = detail, Field = field };

    public static CommandRejected NotFound(string field, string detail) =>
        new() { Status = 404, Title = "Not found", Detail = detail, Field = field };

    public static CommandRejected Conflict(string detail) =>
        new() { Status = 409, Title = "Not possible now", Detail = detail };
}

public static class ResponseExtensions
{
    /// <summary>The result, or the rejection, of a request answered with either.</summary>
    public static (T? Result, CommandRejected? Rejected) Split<T>(this MassTransit.Response<T, CommandRejected> response)
        where T : class
    {
        if (response.Is(out MassTransit.Response<T>? ok))
        {
            return (ok.Message, null);
        }

        return response.Is(out MassTransit.Response<CommandRejected>? rejected)
            ? (null, rejected.Message)
            : throw new InvalidOperationException($"Unexpected response {response.Message.GetType().Name}");
    }
}
