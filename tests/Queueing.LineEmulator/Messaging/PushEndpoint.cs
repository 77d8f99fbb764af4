using System.Text.Json;
using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Inspection;

namespace Queueing.LineEmulator.Messaging;

/// <summary><c>POST /v2/bot/message/push</c>, answering the way the LINE platform does.</summary>
public static class PushEndpoint
{
    private static readonly LineError AuthenticationFailed =
        new("Authentication failed. Confirm that the access token in the authorization header is valid.");

    private static readonly LineError RateLimited = new("The API rate limit has been exceeded. Try again later.");

    private static readonly LineError InternalError = new("An error occurred in the internal server.");

    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/message/push", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        LineChannelOptions channel,
        PushStore store,
        FaultInjector faults,
        EmulatorStats stats,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PushEndpoint).FullName!);
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[LineHeaders.RequestId] = requestId;

        if (!IsAuthorized(http.Request, channel))
        {
            stats.RecordUnauthorized();
            return Results.Json(AuthenticationFailed, statusCode: StatusCodes.Status401Unauthorized);
        }

        var fault = faults.TryConsume();
        if (fault is not null)
        {
            stats.RecordFault();
            logger.LogInformation("Injecting fault {Mode} into push {RequestId}", fault.Mode.ToWireName(), requestId);
            switch (fault.Mode)
            {
                case FaultMode.RateLimited:
                    return Results.Json(RateLimited, statusCode: StatusCodes.Status429TooManyRequests);
                case FaultMode.ServerError:
                    return Results.Json(InternalError, statusCode: StatusCodes.Status500InternalServerError);
                case FaultMode.Slow:
                    await Task.Delay(fault.Delay, http.RequestAborted);
                    break;
                case FaultMode.Drop:
                    await Task.Delay(fault.Delay, http.RequestAborted);
                    http.Abort();
                    return Results.Empty;
            }
        }

        var retryKey = http.Request.Headers[LineHeaders.RetryKey].ToString();
        if (retryKey.Length > 0 && !Guid.TryParseExact(retryKey, "D", out _))
        {
            stats.RecordInvalid();
            return Results.BadRequest(new LineError($"The value of the {LineHeaders.RetryKey} header must be a UUID"));
        }

        PushRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<PushRequest>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(new LineError("The request body could not be parsed as JSON"));
        }

        var errors = PushValidator.Validate(request, out var push);
        if (push is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(new LineError($"The request body has {errors.Count} error(s)", errors));
        }

        var outcome = store.Accept(push, retryKey.Length > 0 ? retryKey : null, requestId);
        if (outcome.IsDuplicate)
        {
            stats.RecordDuplicate();
            http.Response.Headers[LineHeaders.AcceptedRequestId] = outcome.Push.RequestId;
            logger.LogInformation("Push {RequestId} reused retry key {RetryKey} of {AcceptedRequestId}", requestId, retryKey, outcome.Push.RequestId);
            return Results.Json(
                new LineError("The retry key is already accepted", SentMessages: outcome.Push.SentMessages),
                statusCode: StatusCodes.Status409Conflict);
        }

        stats.RecordAccepted();
        logger.LogInformation("Push {RequestId} to {To}: {Count} message(s)", requestId, push.To, push.Texts.Count);

        if (fault?.Mode == FaultMode.AcceptThenDrop)
        {
            http.Abort();
            return Results.Empty;
        }

        return Results.Ok(new PushResponse(outcome.Push.SentMessages));
    }

    private static bool IsAuthorized(HttpRequest request, LineChannelOptions channel)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(header[scheme.Length..].Trim(), channel.ChannelAccessToken, StringComparison.Ordinal);
    }
}
