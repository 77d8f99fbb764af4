using Queueing.Testing;
using Xunit;

namespace Queueing.IntegrationTests;

/// <summary>One running system per test class; each test takes an office of its own with <c>NewOfficeId()</c>.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public QueueingSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await QueueingSystem.StartAsync("it").WaitAsync(TimeSpan.FromMinutes(3));

    public async Task DisposeAsync() => await System.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
}
