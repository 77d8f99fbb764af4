using System.Text.Json.Serialization;
using Queueing.LineEmulator.Messaging;
using Queueing.LineEmulator.Webhooks;

namespace Queueing.LineEmulator.Users;

/// <summary>Body of <c>POST /emulator/users/{userId}/messages</c>.</summary>
public sealed record UserMessageRequest(string? Text);

/// <summary>
/// What a simulated user action returns: the bot server's status for the webhook (null when nothing answered or no
/// webhook URL is set, with <c>error</c> saying which) and the event id.
/// </summary>
public sealed record UserActionResult(
    int? Status,
    string WebhookEventId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>
/// Simulated LINE users acting on the account: follow (add friend / unblock), unfollow (block) and sending a text.
/// Each changes the emulated world first, then sends one webhook event. <c>?signature=bad</c> signs it wrongly.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/emulator/users");
        users.MapGet("/", (Followers followers) => followers.Snapshot());
        users.MapPost("/{userId}/follow", FollowAsync);
        users.MapPost("/{userId}/unfollow", UnfollowAsync);
        users.MapPost("/{userId}/messages", SendMessageAsync);
        return app;
    }

    private static async Task<IResult> FollowAsync(
        string userId, string? signature, Followers followers, ReplyTokens tokens, WebhookSender webhooks, CancellationToken ct)
    {
        var unblocked = followers.Follow(userId);
        var webhookEvent = webhooks.NewEvent("follow", userId) with
        {
            ReplyToken = tokens.Issue(userId),
            Follow = new FollowDetail(unblocked),
        };
        return Answer(await webhooks.SendAsync(webhookEvent, IsBad(signature), ct));
    }

    private static async Task<IResult> UnfollowAsync(
        string userId, string? signature, Followers followers, WebhookSender webhooks, CancellationToken ct)
    {
        followers.Unfollow(userId);
        // Unfollow events carry no reply token: nobody can be answered any more.
        return Answer(await webhooks.SendAsync(webhooks.NewEvent("unfollow", userId), IsBad(signature), ct));
    }

    private static async Task<IResult> SendMessageAsync(
        string userId,
        string? signature,
        UserMessageRequest request,
        Followers followers,
        ReplyTokens tokens,
        MessageIds ids,
        WebhookSender webhooks,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Text) || request.Text.Length > PushValidator.MaxTextLength)
        {
            return Results.BadRequest(new LineError($"text must be 1 to {PushValidator.MaxTextLength} characters"));
        }

        // In the LINE app a user who blocked the account sees "unblock" instead of the message box.
        if (followers.IsBlocked(userId))
        {
            return Results.Conflict(new LineError($"{userId} has blocked the account; follow first"));
        }

        var webhookEvent = webhooks.NewEvent("message", userId) with
        {
            ReplyToken = tokens.Issue(userId),
            Message = new WebhookMessage(ids.Next(), "text", MessageIds.NewQuoteToken(), request.Text),
        };
        return Answer(await webhooks.SendAsync(webhookEvent, IsBad(signature), ct));
    }

    private static bool IsBad(string? signature) => string.Equals(signature, "bad", StringComparison.OrdinalIgnoreCase);

    /// <summary>200 whenever the action happened (even with no webhook URL set); 502 when the bot server could not be reached.</summary>
    private static IResult Answer(WebhookDelivery delivery)
    {
        var result = new UserActionResult(delivery.Status, delivery.WebhookEventId, delivery.Error);
        return delivery.Status is null && delivery.Url is not null
            ? Results.Json(result, statusCode: StatusCodes.Status502BadGateway)
            : Results.Ok(result);
    }
}
