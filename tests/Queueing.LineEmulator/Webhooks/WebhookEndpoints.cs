using Queueing.LineEmulator.Messaging;

namespace Queueing.LineEmulator.Webhooks;

/// <summary>Body of <c>POST /emulator/webhook</c> and <c>GET /emulator/webhook</c>: <c>{"url":"http://…"}</c> (null: none).</summary>
public sealed record WebhookSetting(string? Url);

public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/webhook", (WebhookSender sender) => new WebhookSetting(sender.Url));

        // Changes where events go from now on; an empty or null url turns webhooks off.
        app.MapPost("/emulator/webhook", (WebhookSetting setting, WebhookSender sender) =>
        {
            var url = string.IsNullOrWhiteSpace(setting.Url) ? null : setting.Url.Trim();
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                return Results.BadRequest(new LineError("url must be an absolute http(s) URL"));
            }

            sender.Url = url;
            return Results.Ok(new WebhookSetting(url));
        });

        app.MapGet("/emulator/webhooks", (string? user, WebhookLog log) => log.Snapshot(user));

        return app;
    }
}
