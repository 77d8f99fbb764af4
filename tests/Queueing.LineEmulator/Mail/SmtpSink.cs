using System.Net;
using System.Net.Sockets;

namespace Queueing.LineEmulator.Mail;

/// <summary><c>Smtp:Port</c>: where the sink listens on 127.0.0.1; 0 or unset turns it off.</summary>
public sealed record SmtpOptions(int Port)
{
    /// <summary>Advertised as SIZE; larger messages are refused with 552.</summary>
    public const int MaxMessageBytes = 10 * 1024 * 1024;

    public static SmtpOptions From(IConfiguration configuration) => new(configuration.GetValue("Smtp:Port", 0));
}

/// <summary>
/// A local SMTP server that accepts every mail and keeps it (the "outside world" mail server for the demo and the
/// tests). Listens only on loopback; one <see cref="SmtpSession"/> per connection.
/// </summary>
public sealed class SmtpSink(SmtpOptions options, IServiceProvider services, ILogger<SmtpSink> logger) : BackgroundService
{
    private TcpListener? _listener;

    /// <summary>Binds before the host reports started, so a test can send mail as soon as the emulator is up.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Port > 0)
        {
            _listener = new TcpListener(IPAddress.Loopback, options.Port);
            _listener.Start();
            logger.LogInformation("SMTP sink listening on 127.0.0.1:{Port}", options.Port);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(stoppingToken);
                _ = ServeAsync(client, stoppingToken); // each connection runs on its own
            }
        }
        catch (OperationCanceledException)
        {
            // Host shutting down.
        }
        finally
        {
            _listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            try
            {
                var session = ActivatorUtilities.CreateInstance<SmtpSession>(services, client.GetStream());
                await session.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                logger.LogDebug(e, "SMTP connection ended");
            }
            catch (Exception e)
            {
                logger.LogError(e, "SMTP session failed");
            }
        }
    }
}
