using Queueing.Testing;
using Queueing.Ticketing.Calling;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Engine;

/// <summary>
/// Model-based check: random days of arrivals (classes, queues, gaps) are called through the real engine, and
/// every pick must be the one the C# specification <see cref="CallingOrder"/> makes for the same waiting set.
/// </summary>
[Collection(nameof(ClockCollection))]
public sealed class EngineMatchesPolicyModel(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_call_is_the_one_the_policy_model_picks(int seed)
    {
        var random = new Random(seed);
        var office = _system.NewOfficeId();
        var waiting = new List<CallingOrder.Candidate>();
        string[] priorities = ["walkin", "walkin", "walkin", "booking", "assistance"];
        for (var i = 0; i < 14; i++)
        {
            var priority = priorities[random.Next(priorities.Length)];
            var procedure = random.Next(2) == 0 ? "juminhyo" : "tennyu";
            var taken = await _system.Http.TakeAsync(office, new { procedure, channel = "kiosk", needsAssistance = priority == "assistance" });
            var status = await _system.Http.StatusAsync(taken.Token);
            waiting.Add(new CallingOrder.Candidate(taken.TicketId, status.Queue, _system.Clock.GetUtcNow(), priority == "booking" ? "walkin" : priority));
            _system.Clock.Advance(TimeSpan.FromMinutes(random.Next(0, 9)));
        }

        await _system.Staff.OpenAsync(office, "2"); // serves A and B
        var policy = Queueing.ServiceDefaults.Offices.CallingPolicy.Default;
        while (waiting.Count > 0)
        {
            _system.Clock.Advance(TimeSpan.FromMinutes(random.Next(0, 6)));
            var expected = CallingOrder.PickNext(["A", "B"], waiting, policy, _system.Clock.GetUtcNow())!;
            var called = await _system.Staff.CallNextAsync(office, "2");
            called!.TicketId.ShouldBe(expected.TicketId, $"seed {seed}, {waiting.Count} waiting");
            waiting.RemoveAll(c => c.TicketId == called.TicketId);
            await _system.Staff.CompleteAsync(office, "2");
        }
    }
}
