namespace Queueing.LineEmulator;

/// <summary>
/// Marker type so tests can host the emulator with
/// <c>WebApplicationFactory&lt;LineEmulatorApp&gt;</c> (top-level statements have no nameable Program class).
/// </summary>
public sealed class LineEmulatorApp;
