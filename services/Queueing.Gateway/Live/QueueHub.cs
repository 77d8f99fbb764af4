using Microsoft.AspNetCore.SignalR;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Gateway.Live;

/// <summary>
/// Live queue hub at <c>/hubs/queue</c>. <c>?office={id}</c> joins the office's screens and receives
/// <c>queueStatus</c>; <c>?ticket={token}</c> follows one ticket and receives <c>ticketStatus</c>. Both get a
/// snapshot on connect (so a reconnect resynchronises). Clients can only listen: the hub has no methods.
/// </summary>
public sealed class QueueHub(OfficeCatalog offices, LiveState live, ILogger<QueueHub> logger) : Hub<IQueueClient>
{
    private const string TrackedTicketKey = "ticketId";

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var officeId = query?["office"].ToString();
        var token = query?["ticket"].ToString();
        var ct = Context.ConnectionAborted;

        if (!string.IsNullOrEmpty(officeId) && offices.Find(officeId) is not null)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveState.OfficeGroup(officeId), ct);
            if (await live.SnapshotAsync(officeId, ct) is { } snapshot)
            {
                await Clients.Caller.QueueStatus(QueueStatusView.From(snapshot));
            }

            return;
        }

        if (!string.IsNullOrEmpty(token) && await live.TicketAsync(token, ct) is { } ticket)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveState.TicketGroup(ticket.TicketId), ct);
            var push = TicketStatusPush.From(ticket);
            live.Track(ticket, token, push);
            Context.Items[TrackedTicketKey] = ticket.TicketId;
            await Clients.Caller.TicketStatus(push);
            return;
        }

        logger.LogInformation("Refused hub connection without a known office or ticket");
        Context.Abort();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(TrackedTicketKey, out var id) && id is string ticketId)
        {
            live.Untrack(ticketId);
        }

        return base.OnDisconnectedAsync(exception);
    }
}
