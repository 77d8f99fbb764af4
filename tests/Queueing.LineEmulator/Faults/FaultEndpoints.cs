using Queueing.LineEmulator.Messaging;

namespace Queueing.LineEmulator.Faults;

/// <summary>Body of <c>POST /emulator/faults</c>.</summary>
public sealed record FaultRequest(string? Mode, int? Count, int? DelayMs);

/// <summary>What is armed now: <c>{"mode":"429","remaining":2,"delayMs":0}</c>.</summary>
public sealed record FaultState(string Mode, int Remaining, int DelayMs)
{
    public static FaultState Of(FaultPlan plan) => new(plan.Mode.ToWireName(), plan.Remaining, (int)plan.Delay.TotalMilliseconds);
}

public static class FaultEndpoints
{
    private const int DefaultSlowDelayMs = 2000;

    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/emulator/faults");

        faults.MapPost("/", (FaultRequest request, FaultInjector injector) =>
        {
            if (!FaultModes.TryParse(request.Mode, out var mode))
            {
                return Results.BadRequest(new LineError($"Unknown fault mode '{request.Mode}'. Use one of: {FaultModes.Names}"));
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

            injector.Arm(new FaultPlan(mode, count, TimeSpan.FromMilliseconds(delayMs)));
            return Results.Ok(FaultState.Of(injector.Current));
        });

        faults.MapGet("/", (FaultInjector injector) => FaultState.Of(injector.Current));

        faults.MapDelete("/", (FaultInjector injector) =>
        {
            injector.Clear();
            return Results.NoContent();
        });

        return app;
    }
}
