using MassTransit;
using Microsoft.AspNetCore.SignalR;
using Queueing.Contracts.Ticketing;

namespace Queueing.Gateway.Live;

/// <summary>
/// Pushes each new office snapshot to the office's screens and to the phones of that office's tickets whose
/// status changed. Runs on a temporary queue per gateway instance, so every instance sees every snapshot.
/// </summary>
public sealed class QueueStatusChangedConsumer(LiveState live, IHubContext<QueueHub, IQueueClient> hub) : IConsumer<QueueStatusChanged>
{
    public async Task Consume(ConsumeContext<QueueStatusChanged> context)
    {
        var snapshot = context.Message;
        if (!live.TryApply(snapshot))
        {
            return;
        }

        var sends = new List<Task> { hub.Clients.Group(LiveState.OfficeGroup(snapshot.OfficeId)).QueueStatus(QueueStatusView.From(snapshot)) };
        foreach (var ticket in live.TrackedIn(snapshot.OfficeId))
        {
            var status = LiveState.StatusIn(snapshot, ticket)
                ?? (await live.TicketAsync(ticket.Token, context.CancellationToken) is { } fresh ? TicketStatusPush.From(fresh) : null);
            if (status is null)
            {
                continue;
            }

            lock (ticket)
            {
                if (status.Version <= ticket.LastSent.Version || !status.DiffersMeaningfullyFrom(ticket.LastSent))
                {
                    continue;
                }

                ticket.LastSent = status;
            }

            sends.Add(hub.Clients.Group(LiveState.TicketGroup(ticket.TicketId)).TicketStatus(status));
        }

        await Task.WhenAll(sends);
    }
}
