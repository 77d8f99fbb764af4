using Queueing.LineEmulator.Inspection;
using Queueing.LineEmulator.Users;

namespace Queueing.LineEmulator.Messaging;

/// <summary>
/// <c>POST /v2/bot/message/reply</c>: answers a webhook event with its reply token. Same bearer check and message
/// rules as push; the token is checked last, so a request with an invalid body does not use it up.
/// </summary>
public static class ReplyEndpoint
{
    public static IEndpointRouteBuilder MapReplyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/message/reply", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        LineChannelOptions channel,
        ReplyTokens tokens,
        ReplyStore store,
        Followers followers,
        EmulatorStats stats,
        ILogger<ReplyStore> logger)
    {
        var requestId = LineApi.NewRequestId(http);

        if (!LineApi.IsAuthorized(http.Request, channel))
        {
            stats.RecordUnauthorized();
            return Results.Json(LineApi.AuthenticationFailed, statusCode: StatusCodes.Status401Unauthorized);
        }

        var request = await LineApi.ReadJsonAsync<ReplyRequest>(http.Request);
        if (request is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(LineApi.NotJson);
        }

        var errors = PushValidator.Validate(request, out var reply);
        if (reply is null)
        {
            stats.RecordInvalid();
            return Results.BadRequest(new LineError($"The request body has {errors.Count} error(s)", errors));
        }

        // Unknown, already used, or older than a minute.
        if (tokens.TryRedeem(reply.ReplyToken) is not { } userId)
        {
            stats.RecordInvalidReplyToken();
            return Results.BadRequest(LineApi.InvalidReplyToken);
        }

        var delivered = !followers.IsBlocked(userId);
        var accepted = store.Accept(reply, userId, requestId, delivered);
        stats.RecordReply();
        if (!delivered)
        {
            stats.RecordUndeliveredToBlocked();
        }

        logger.LogInformation("Reply {RequestId} to {To}: {Count} message(s)", requestId, userId, reply.Texts.Count);
        return Results.Ok(new PushResponse(accepted.SentMessages));
    }
}
