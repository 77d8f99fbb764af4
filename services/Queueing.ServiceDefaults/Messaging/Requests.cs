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
