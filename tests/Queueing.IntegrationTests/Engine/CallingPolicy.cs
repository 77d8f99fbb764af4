using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Engine;

/// <summary>The office's calling policy on the real engine: priority head starts, and the maximum wait after which anyone goes first.</summary>
[Collection(nameof(ClockCollection))]
public sealed class CallingPolicy(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task A_resident_needing_assistance_goes_before_walk_ins_who_arrived_less_than_the_head_start_earlier()
    {
        var office = _system.NewOfficeId();
        var walkIn = await _system.Http.TakeAsync(office, "juminhyo");
        _system.Clock.Advance(TimeSpan.FromMinutes(20));
        var assisted = await _system.Http.TakeAsync(office, new { procedure = "juminhyo", channel = "kiosk", needsAssistance = true });

        await _system.Staff.OpenAsync(office, "1");
        var first = await _system.Staff.CallNextAsync(office, "1");
        first!.Number.ShouldBe(assisted.Number);
        first.Priority.ShouldBe("assistance");
        await _system.Staff.CompleteAsync(office, "1");
        (await _system.Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(walkIn.Number);
    }

    [Fact]
    public async Task Past_the_maximum_wait_the_longest_waiting_ticket_goes_first_whatever_its_class()
    {
        var office = _system.NewOfficeId();
        var walkIn = await _system.Http.TakeAsync(office, "juminhyo");
        _system.Clock.Advance(TimeSpan.FromMinutes(20));
        await _system.Http.TakeAsync(office, new { procedure = "juminhyo", channel = "kiosk", needsAssistance = true });
        _system.Clock.Advance(TimeSpan.FromMinutes(30)); // the walk-in has now waited 50 minutes (> 45)

        await _system.Staff.OpenAsync(office, "1");
        (await _system.Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(walkIn.Number);
    }

    [Fact]
    public async Task Numbers_start_again_each_office_day_and_unserved_tickets_of_yesterday_expire()
    {
        var office = _system.NewOfficeId();
        var yesterday = await _system.Http.TakeAsync(office, "juminhyo");
        yesterday.Number.ShouldBe("A-001");
        (await _system.Http.TakeAsync(office, "juminhyo")).Number.ShouldBe("A-002");

        _system.Clock.Advance(TimeSpan.FromDays(1));
        await _system.Ticketing.Get<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>()
            .OfType<Queueing.Ticketing.Queues.DayRollover>().Single().RollAllAsync();

        var today = await _system.Http.TakeAsync(office, "juminhyo");
        today.Number.ShouldBe("A-001");
        today.TicketId.ShouldNotBe(yesterday.TicketId);
        (await _system.Http.StatusAsync(yesterday.Token)).State.ShouldBe("expired");
        (await _system.Http.StatusAsync(today.Token)).Position.ShouldBe(1);
    }
}

/// <summary>Tests that move the shared clock run one class at a time in a system of their own.</summary>
[CollectionDefinition(nameof(ClockCollection), DisableParallelization = true)]
public sealed class ClockCollection;

public sealed class ClockSystemFixture : IAsyncLifetime
{
    public QueueingSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await QueueingSystem.StartAsync("clock").WaitAsync(TimeSpan.FromMinutes(3));

    public async Task DisposeAsync() => await System.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
}
