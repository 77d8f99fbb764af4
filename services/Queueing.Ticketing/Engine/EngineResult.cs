using System.Globalization;
using System.Text.Json;
using Queueing.Contracts.Ticketing;

namespace Queueing.Ticketing.Engine;

/// <summary>What the queue engine script answered: a ticket after the action, "nobody waiting", or a rejection.</summary>
public sealed record EngineResult(bool Ok, int Status, string? Error, bool None, long Version, TicketView? Ticket, string? NextQueue)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EngineResult Parse(string json, string officeId)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (Int(root, "ok") != 1)
        {
            return new EngineResult(false, (int)Int(root, "status"), Str(root, "error"), false, 0, null, null);
        }

        TicketView? ticket = null;
        if (root.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            ticket = ToView(t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()), officeId);
        }

        return new EngineResult(true, 200, null, Int(root, "none") == 1, Int(root, "version"), ticket, Str(root, "next"));
    }

    public static TicketView ToView(IReadOnlyDictionary<string, string> f, string officeId)
    {
        var procedures = f["procedures"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var step = Math.Clamp(IntOf(f, "step"), 0, procedures.Length - 1);
        return new TicketView
        {
            TicketId = f["id"],
            OfficeId = officeId,
            Number = f["number"],
            State = f["state"],
            Queue = f["queue"],
            Procedures = procedures,
            CurrentProcedure = procedures[step],
            Priority = f.GetValueOrDefault("priority") ?? "walkin",
            Channel = f.GetValueOrDefault("channel") ?? "kiosk",
            Counter = f.GetValueOrDefault("counter") is { Length: > 0 } c ? c : null,
            Recalls = IntOf(f, "recalls"),
            Postpones = IntOf(f, "postpones"),
            ArrivedAt = QueueEngine.FromMs(f["arrivedAt"]),
            CalledAt = f.GetValueOrDefault("calledAt") is { Length: > 0 } at ? QueueEngine.FromMs(at) : null,
        };
    }

    private static int IntOf(IReadOnlyDictionary<string, string> f, string key) =>
        f.GetValueOrDefault(key) is { Length: > 0 } v ? (int)double.Parse(v, CultureInfo.InvariantCulture) : 0;

    private static long Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
