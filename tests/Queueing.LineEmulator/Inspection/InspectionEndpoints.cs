using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Messaging;

namespace Queueing.LineEmulator.Inspection;

/// <summary>Read-only views of what the emulator received, plus a full reset, for tests and the inbox page.</summary>
public static class InspectionEndpoints
{
    public static IEndpointRouteBuilder MapInspectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/pushes", (string? to, PushStore store) => store.Snapshot(to));

        app.MapGet("/emulator/stats", (EmulatorStats stats) => stats.Snapshot());

        // Resets everything: stored pushes, remembered retry keys, counters and any armed fault.
        app.MapDelete("/emulator/pushes", (PushStore store, EmulatorStats stats, FaultInjector faults) =>
        {
            store.Clear();
            stats.Reset();
            faults.Clear();
            return Results.NoContent();
        });

        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

        return app;
    }
}
