namespace Queueing.LineEmulator.Faults;

/// <summary>How the next push requests misbehave. Wire names are in <see cref="FaultModes"/>.</summary>
public enum FaultMode
{
    /// <summary>Behave normally.</summary>
    None,

    /// <summary>429 with LINE's rate-limit body; nothing stored.</summary>
    RateLimited,

    /// <summary>500; nothing stored.</summary>
    ServerError,

    /// <summary>Wait <c>delayMs</c>, then handle the request normally.</summary>
    Slow,

    /// <summary>Wait <c>delayMs</c> (default 0), store nothing, abort the connection: the client sees a reset.</summary>
    Drop,

    /// <summary>Handle and store the push normally, then abort instead of answering (the "sent but the reply was lost" case).</summary>
    AcceptThenDrop,
}

public static class FaultModes
{
    private static readonly Dictionary<string, FaultMode> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = FaultMode.None,
        ["429"] = FaultMode.RateLimited,
        ["500"] = FaultMode.ServerError,
        ["slow"] = FaultMode.Slow,
        ["drop"] = FaultMode.Drop,
        ["accept-then-drop"] = FaultMode.AcceptThenDrop,
    };

    public static string Names => string.Join(", ", ByName.Keys);

    public static bool TryParse(string? name, out FaultMode mode) => ByName.TryGetValue(name ?? "", out mode);

    public static string ToWireName(this FaultMode mode) => ByName.First(pair => pair.Value == mode).Key;
}
