using System.Text;
using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.Testing;
using RabbitMQ.Client;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Resilience;

/// <summary>A message that cannot be processed ends in its consumer's _error queue with the reason, after short retries.</summary>
public sealed class ErrorQueue(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task An_event_for_an_unknown_office_is_parked_in_the_error_queue_with_its_reason()
    {
        await _system.Gateway.Get<IBus>().Publish(new CounterStateChanged
        {
            OfficeId = "no-such-office",
            Counter = "1",
            State = "open",
            Queues = ["A"],
            StaffId = "test",
            At = DateTimeOffset.UtcNow,
        });

        var factory = new ConnectionFactory { Uri = new Uri(_system.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();

        BasicGetResult? parked = null;
        for (var i = 0; i < 200 && parked is null; i++)
        {
            // The error queue is declared on the first fault; asking before that closes the channel, so use a fresh one.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                parked = await channel.BasicGetAsync("counter-state-changed_error", autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
            }

            if (parked is null)
            {
                await Task.Delay(100);
            }
        }

        parked.ShouldNotBeNull("the faulted message should be in counter-state-changed_error");
        Encoding.UTF8.GetString(parked.Body.Span).ShouldContain("no-such-office");
        var reason = Encoding.UTF8.GetString((byte[])parked.BasicProperties.Headers!["MT-Fault-Message"]!);
        reason.ShouldContain("unknown office");
    }
}
