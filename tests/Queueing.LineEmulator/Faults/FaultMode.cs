namespace Queueing.LineEmulator.Faults;

/// <summary>Which outside service a fault is armed on: the LINE Messaging API or the SMTP sink.</summary>
public enum FaultChannel
{
    Line,
    Smtp,
}

/// <summary>How the next requests misbehave. Wire names are in <see cref="FaultModes"/>.</summary>
public enum FaultMode
{
    /// <summary>Behave normally.</summary>
    None,

    /// <summary>429 with LINE's rate-limit body; nothing stored.</summary>
    RateLimited,

    /// <summary>500; nothing stored.</summary>
    ServerError,

    /// <summary>400 with LINE's "invalid 'to'" body (a permanent failure: retrying never helps); nothing stored.</summary>
    InvalidRecipient,

    /// <summary>Wait <c>delayMs</c>, then handle the request normally.</summary>
    Slow,

    /// <summary>Wait <c>delayMs</c> (default 0), store nothing, abort the connection: the client sees a reset.</summary>
    Drop,

    /// <summary>Handle and store the push normally, then abort instead of answering (the "sent but the reply was lost" case).</summary>
    AcceptThenDrop,

    /// <summary>SMTP 421 (temporary): answered to MAIL FROM (or to RCPT TO of the targeted address), then the connection is closed.</summary>
    SmtpServiceNotAvailable,

    /// <summary>SMTP 550 (permanent): answered to RCPT TO.</summary>
    SmtpMailboxUnavailable,
}

public static class FaultModes
{
    private static readonly Dictionary<string, FaultMode> LineModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = FaultMode.None,
        ["429"] = FaultMode.RateLimited,
        ["500"] = FaultMode.ServerError,
        ["400"] = FaultMode.InvalidRecipient,
        ["slow"] = FaultMode.Slow,
        ["drop"] = FaultMode.Drop,
        ["accept-then-drop"] = FaultMode.AcceptThenDrop,
    };

    private static readonly Dictionary<string, FaultMode> SmtpModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = FaultMode.None,
        ["421"] = FaultMode.SmtpServiceNotAvailable,
        ["550"] = FaultMode.SmtpMailboxUnavailable,
    };

    public static string Names(FaultChannel channel) => string.Join(", ", ModesOf(channel).Keys);

    public static bool TryParseChannel(string? name, out FaultChannel channel)
    {
        switch (name?.ToLowerInvariant())
        {
            case null or "" or "line":
                channel = FaultChannel.Line;
                return true;
            case "smtp":
                channel = FaultChannel.Smtp;
                return true;
            default:
                channel = default;
                return false;
        }
    }

    public static bool TryParse(FaultChannel channel, string? name, out FaultMode mode) =>
        ModesOf(channel).TryGetValue(name ?? "", out mode);

    public static string ToWireName(this FaultMode mode) =>
        LineModes.Concat(SmtpModes).First(pair => pair.Value == mode).Key;

    public static string ToWireName(this FaultChannel channel) => channel == FaultChannel.Smtp ? "smtp" : "line";

    private static Dictionary<string, FaultMode> ModesOf(FaultChannel channel) =>
        channel == FaultChannel.Smtp ? SmtpModes : LineModes;
}
