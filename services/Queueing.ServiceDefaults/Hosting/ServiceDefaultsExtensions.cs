using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;

namespace Queueing.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every service needs: structured logs, the office catalog (validated at start), the Redis connection,
    /// health checks, ProblemDetails and a TimeProvider.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "O";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddConsole();
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(OfficeCatalog.Load(OfficeFilePath(builder)));

        var redis = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("ConnectionStrings:redis is required (for example 127.0.0.1:6379)");
        builder.Services.AddSingleton(_ => new RedisConnection(redis));

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is MassTransit.RequestTimeoutException)
            {
                // A service did not answer in time (overloaded, restarting): the client may retry the same command.
                context.ProblemDetails.Title = "Service busy";
                context.ProblemDetails.Detail = "混み合っています。少し待ってからもう一度お試しください。 / The service is busy. Please try again in a moment.";
                context.HttpContext.Response.Headers.RetryAfter = "2";
            }
        });
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>/health/live</c> (the process runs) and <c>/health/ready</c> (RabbitMQ bus and Redis reachable).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Unreadable bodies (malformed JSON, wrong types) are the client's fault: 400, not 500.
            // A request another service did not answer in time is 503 (try again), not 500.
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                MassTransit.RequestTimeoutException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealth,
        });
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }

    /// <summary><c>Offices:File</c>, else deploy/offices.json found upward from the working or app directory.</summary>
    private static string OfficeFilePath(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["Offices:File"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, builder.Environment.ContentRootPath })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "offices.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "deploy", "offices.json");
    }
}
