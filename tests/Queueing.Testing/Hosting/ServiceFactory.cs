using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Queueing.Testing;

/// <summary>
/// Hosts one service in the test process against the real RabbitMQ virtual host and Redis database of a test
/// system. <paramref name="kestrel"/> gives it a real loopback port (browsers, WebSockets, the LINE emulator).
/// </summary>
public sealed class ServiceFactory<TEntry>(IReadOnlyDictionary<string, string?> settings, bool kestrel, TestClock clock) : WebApplicationFactory<TEntry>
    where TEntry : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The project folder is the content root (wwwroot, appsettings.json), found from the repository root so the
        // benchmarks (which have no test manifest) host services the same way the tests do.
        if (ProjectDirectory() is { } contentRoot)
        {
            builder.UseContentRoot(contentRoot);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        if (kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
    }

    public void Start()
    {
        if (kestrel)
        {
            UseKestrel();
        }

        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    private static string? ProjectDirectory()
    {
        var name = typeof(TEntry).Assembly.GetName().Name!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Queueing.sln")))
            {
                return new[] { "services", "tests" }.Select(top => Path.Combine(dir.FullName, top, name)).FirstOrDefault(Directory.Exists);
            }
        }

        return null;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
