using MassTransit;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Queues;

/// <summary>
/// Starts each office's new day (numbers already reset by date): unless the office keeps yesterday's
/// unserved tickets, those still waiting or parked end as "expired". Safe with several instances: the
/// script changes the day once.
/// </summary>
public sealed class DayRollover(OfficeCatalog offices, QueueEngine engine, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DayRollover> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        do
        {
            try
            {
                await RollAllAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Day rollover check failed; retrying in 30 s");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RollAllAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var office in offices.All)
        {
            if (await engine.RolloverAsync(office, TicketNumbering.DayKey(office, now), now) is not null)
            {
                logger.LogInformation("Office {OfficeId} started day {Day}", office.Id, TicketNumbering.DayKey(office, now));
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                await scope.ServiceProvider.GetRequiredService<ChangePublisher>().PublishSnapshotAsync(bus, office);
            }
        }
    }
}
