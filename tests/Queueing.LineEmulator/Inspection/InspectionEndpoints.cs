using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Mail;
using Queueing.LineEmulator.Messaging;
using Queueing.LineEmulator.Users;
using Queueing.LineEmulator.Webhooks;

namespace Queueing.LineEmulator.Inspection;

/// <summary>Read-only views of what the emulator received, plus a full reset, for tests and the inbox page.</summary>
public static class InspectionEndpoints
{
    public static IEndpointRouteBuilder MapInspectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/pushes", (string? to, PushStore store) => store.Snapshot(to));

        app.MapGet("/emulator/replies", (string? to, ReplyStore store) => store.Snapshot(to));

        app.MapGet("/emulator/stats", (EmulatorStats stats) => stats.Snapshot());

        // Resets everything the emulator learnt: pushes, retry keys, replies and reply tokens, follow states,
        // webhook deliveries, mail, counters and armed faults. The webhook URL (configuration) stays.
        app.MapDelete("/emulator/pushes", (IServiceProvider services) =>
        {
            services.GetRequiredService<PushStore>().Clear();
            services.GetRequiredService<ReplyStore>().Clear();
            services.GetRequiredService<ReplyTokens>().Clear();
            services.GetRequiredService<Followers>().Clear();
            services.GetRequiredService<WebhookLog>().Clear();
            services.GetRequiredService<MailStore>().Clear();
            services.GetRequiredService<EmulatorStats>().Reset();
            services.GetRequiredService<FaultInjector>().Clear();
            return Results.NoContent();
        });

        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

        return app;
    }
}
