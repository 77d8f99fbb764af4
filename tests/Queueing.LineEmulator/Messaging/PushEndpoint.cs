using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Inspection;
using Queueing.LineEmulator.Users;

namespace Queueing.LineEmulator.Messaging;

/// <summary><c>POST /v2/bot/message/push</c>, answering the way the LINE platform does.</summary>
public static class PushEndpoint
{
    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/message/push", HandleAsync);
        app.MapReplyApi();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        LineChannelOptions channel,
        PushStore store,
        Followers followers,
        FaultInjector faults,
        EmulatorStats stats,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PushEndpoint).FullName!);
        var requestId = LineApi.NewRequestId(http);

        if (!LineApi.IsAuthorized(http.Request, channel))
        {
            stats.RecordUnauthorized();
            return Results.Json(LineApi.AuthenticationFailed, statusCode: StatusCodes.Status401Unauthorized);
        }

        // Read first so that a fault aimed at one recipient ("to" in the fault request) can tell who this is for;
        // a body that does not parse is only answered after the faults, as before.
        var request = await LineApi.ReadJsonAsync<PushRequest>(http.Request);

        var fault = faults.TryConsume(FaultChannel.Line, request?.To);
        if (fault is not null)
        {
            stats.RecordFault();
            logger.LogInformation("Injecting fault {Mode} into push {RequestId}", fault.Mode.ToWireName(), requestId);
            switch (fault.Mode)
            {
                case FaultMode.RateLimited:
                    return Results.Json(LineApi.RateLimited, statusCode: StatusCodes.Status429TooManyRequests);
                case FaultMode.ServerError:
                    return Results.Json(LineApi.InternalError, statusCode: StatusCodes.Status500InternalServerError);
                case FaultMode.InvalidRecipient:
                    return Results.BadRequest(LineApi.InvalidTo);
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

        if (request is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(LineApi.NotJson);
        }

        var errors = PushValidator.Validate(request, out var push);
        if (push is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(new LineError($"The request body has {errors.Count} error(s)", errors));
        }

        // LINE accepts pushes to a user who blocked the account without saying so; they just never arrive.
        var delivered = !followers.IsBlocked(push.To);
        var outcome = store.Accept(push, retryKey.Length > 0 ? retryKey : null, requestId, delivered);
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
        if (!delivered)
        {
            stats.RecordUndeliveredToBlocked();
        }

        logger.LogInformation("Push {RequestId} to {To}: {Count} message(s){Blocked}", requestId, push.To, push.Texts.Count, delivered ? "" : " (blocked: not delivered)");

        if (fault?.Mode == FaultMode.AcceptThenDrop)
        {
            http.Abort();
            return Results.Empty;
        }

        return Results.Ok(new PushResponse(outcome.Push.SentMessages));
    }
}
