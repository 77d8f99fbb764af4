using System.Diagnostics;

namespace Queueing.Testing;

/// <summary>
/// A private redis-server child process on 127.0.0.1 (Debian's redis-server package), with its data in a
/// temporary directory. Nothing is persisted except by <see cref="StopAsync"/> (SHUTDOWN SAVE), so that a
/// restart on the same port keeps the data. Get one through <see cref="TestInfrastructure"/>.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _executable;
    private Process? _process;

    internal RedisTestServer(string directory, int port, int databases)
    {
        Directory = directory;
        Port = port;
        Databases = databases;
        _executable = ChildProcess.Which("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (test.sh does this).");
        ChildProcess.CreateOpenDirectory(directory);
    }

    public int Port { get; }

    public int Databases { get; }

    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "redis.log");

    internal string PidFile => Path.Combine(Directory, "redis.pid");

    /// <summary>"127.0.0.1:PORT".</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A StackExchange.Redis configuration string for one database of this server.</summary>
    public string ConnectionString(int database) =>
        $"{Endpoint},abortConnect=false,defaultDatabase={database},allowAdmin=true";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server (again, on the same port and with the data saved by <see cref="StopAsync"/>) and waits for PING.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (IsRunning)
            {
                return;
            }

            _process?.Dispose();
            _process = ChildProcess.StartDetached(LogFile,
            [
                _executable,
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--dir", Directory,
                "--save", string.Empty,
                "--appendonly", "no",
                "--databases", Databases.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--daemonize", "no",
                "--pidfile", PidFile,
                "--loglevel", "warning",
            ]);
            await WaitUntilReadyAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server gracefully (SHUTDOWN SAVE: the data survives a later <see cref="StartAsync"/>).</summary>
    public Task StopAsync() => StopCoreAsync(save: true);

    /// <summary>Stops the server abruptly (SIGKILL): whatever was not saved is lost, as in a crash.</summary>
    public Task KillAsync() => StopCoreAsync(save: false);

    private async Task StopCoreAsync(bool save)
    {
        await _gate.WaitAsync();
        try
        {
            if (!IsRunning)
            {
                return;
            }

            var process = _process!;
            if (save)
            {
                try
                {
                    await RespClient.SendAsync("127.0.0.1", Port, ["SHUTDOWN", "SAVE"], TimeSpan.FromSeconds(10));
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    // fall through to kill
                }
            }
            else
            {
                ChildProcess.KillFromPidFile(PidFile);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                ChildProcess.KillFromPidFile(PidFile);
                ChildProcess.TryKill(process);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the server at once; for process exit.</summary>
    internal void KillNow()
    {
        ChildProcess.KillFromPidFile(PidFile);
        if (_process is { } process)
        {
            ChildProcess.TryKill(process);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var watch = Stopwatch.StartNew();
        var lastError = string.Empty;
        while (watch.Elapsed < StartTimeout)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException(
                    $"redis-server on port {Port} exited with code {exited.ExitCode}.\n{ChildProcess.Tail(LogFile)}");
            }

            try
            {
                var reply = await RespClient.SendAsync("127.0.0.1", Port, ["PING"], TimeSpan.FromSeconds(2));
                if (reply == "+PONG")
                {
                    return;
                }

                lastError = reply;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                lastError = ex.Message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(
            $"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds:0} s ({lastError}).\n{ChildProcess.Tail(LogFile)}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _gate.Dispose();
    }
}
