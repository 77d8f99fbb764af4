using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Reservation.Forecast;

/// <summary>Learns the walk-in profile: every ticket not made from a booking is counted in its office day, queue and hour (once).</summary>
public sealed class WalkInHistoryConsumer(OfficeCatalog offices, WalkInHistory history) : IConsumer<TicketIssued>
{
    public async Task Consume(ConsumeContext<TicketIssued> context)
    {
        var m = context.Message;
        if (m.Channel == "booking" || offices.Find(m.OfficeId) is not { } office)
        {
            return;
        }

        await history.CountAsync(office, m.TicketId, m.Queue, m.IssuedAt);
    }
}
