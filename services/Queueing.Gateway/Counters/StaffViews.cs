using Queueing.Contracts.Counters;
using Queueing.Contracts.Ticketing;

namespace Queueing.Gateway.Counters;

/// <summary>A ticket as the staff console shows it (numbers and procedures, never names).</summary>
public sealed record TicketStaffView(
    string TicketId, string Number, string State, string Queue, IReadOnlyList<string> Procedures, string CurrentProcedure,
    string Priority, string Channel, string? Counter, int Recalls, int Postpones, DateTimeOffset ArrivedAt, DateTimeOffset? CalledAt, int WaitedMinutes)
{
    public static TicketStaffView From(TicketView t, DateTimeOffset now) => new(
        t.TicketId, t.Number, t.State, t.Queue, t.Procedures, t.CurrentProcedure, t.Priority, t.Channel, t.Counter, t.Recalls, t.Postpones,
        t.ArrivedAt, t.CalledAt, Math.Max(0, (int)((t.CalledAt ?? now) - t.ArrivedAt).TotalMinutes));
}

public sealed record CounterView(string OfficeId, string Counter, string State, IReadOnlyList<string> Queues, string? StaffId, TicketStaffView? Current)
{
    public static CounterView From(CounterState s, IEnumerable<TicketView> atCounters, DateTimeOffset now) => new(
        s.OfficeId, s.Counter, s.State, s.Queues, s.StaffId,
        atCounters.FirstOrDefault(t => t.Counter == s.Counter) is { } t ? TicketStaffView.From(t, now) : null);
}

public sealed record NextStep(string Queue, string Number);

public sealed record CompletedView(TicketStaffView Completed, NextStep? Next);

public sealed record CallTicketRequest(string? Number);

public sealed record TransferRequest(string? Queue);
