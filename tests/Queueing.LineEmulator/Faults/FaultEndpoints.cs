using Queueing.LineEmulator.Messaging;

namespace Queueing.LineEmulator.Faults;

/// <summary>
/// Body of <c>POST /emulator/faults</c>. <paramref name="Channel"/> is <c>line</c> (default) or <c>smtp</c>;
/// <paramref name="To"/> limits the fault to one recipient (a LINE user id or a mail address).
/// </summary>
public sealed record FaultRequest(string? Mode, int? Count, int? DelayMs, string? Channel = null, string? To = null);

/// <summary>What is armed now: <c>{"channel":"line","mode":"429","remaining":2,"delayMs":0,"to":null}</c>.</summary>
public sealed record FaultState(string Channel, string Mode, int Remaining, int DelayMs, string? To)
{
    public static FaultState Of(FaultPlan plan) =>
        new(plan.Channel.ToWireName(), plan.Mode.ToWireName(), plan.Remaining, (int)plan.Delay.TotalMilliseconds, plan.To);
}

public static class FaultEndpoints
{
    private const int DefaultSlowDelayMs = 2000;

    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/emulator/faults");

        faults.MapPost("/", (FaultRequest request, FaultInjector injector) =>
        {
            if (!FaultModes.TryParseChannel(request.Channel, out var channel))
            {
                return Results.BadRequest(new LineError($"Unknown fault channel '{request.Channel}'. Use line or smtp"));
            }

            if (!FaultModes.TryParse(channel, request.Mode, out var mode))
            {
                return Results.BadRequest(new LineError(
                    $"Unknown {channel.ToWireName()} fault mode '{request.Mode}'. Use one of: {FaultModes.Names(channel)}"));
            }

            var count = request.Count ?? 1;
            if (count < 0)
            {
                return Results.BadRequest(new LineError("count must be >= 0"));
            }

            var delayMs = request.DelayMs ?? (mode == FaultMode.Slow ? DefaultSlowDelayMs : 0);
            if (delayMs < 0)
            {
                return Results.BadRequest(new LineError("delayMs must be >= 0"));
            }

            var to = string.IsNullOrWhiteSpace(request.To) ? null : request.To.Trim();
            injector.Arm(new FaultPlan(mode, count, TimeSpan.FromMilliseconds(delayMs), channel, to));
            return Results.Ok(FaultState.Of(injector.CurrentFor(channel)));
        });

        // ?channel=smtp for the SMTP plan; the LINE plan otherwise (the original API).
        faults.MapGet("/", (string? channel, FaultInjector injector) =>
            FaultModes.TryParseChannel(channel, out var parsed)
                ? Results.Ok(FaultState.Of(injector.CurrentFor(parsed)))
                : Results.BadRequest(new LineError($"Unknown fault channel '{channel}'. Use line or smtp")));

        // Disarms every channel, or only ?channel=….
        faults.MapDelete("/", (string? channel, FaultInjector injector) =>
        {
            if (channel is null)
            {
                injector.Clear();
            }
            else if (FaultModes.TryParseChannel(channel, out var parsed))
            {
                injector.Clear(parsed);
            }
            else
            {
                return Results.BadRequest(new LineError($"Unknown fault channel '{channel}'. Use line or smtp"));
            }

            return Results.NoContent();
        });

        return app;
    }
}
