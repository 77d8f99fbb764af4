using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Queueing.Testing;

/// <summary>
/// A RabbitMQ node for tests: either a private rabbitmq-server (Debian's package) started here on free loopback
/// ports, with its data in a temporary directory owned by user rabbitmq, or an already running node named by
/// environment variables (see <see cref="TestInfrastructure"/>).
///
/// Virtual hosts of a node started here are created through the management plugin's HTTP API (about 30 ms
/// each, in parallel); a rabbitmqctl call costs about 0.5 s for booting its Erlang VM, so it is only the way
/// for an external node without management port.
/// </summary>
internal sealed class RabbitMqTestServer
{
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly HttpClient? _management;
    private readonly string? _cliHome;
    private readonly Lock _batchGate = new();
    private readonly List<(string VHost, TaskCompletionSource Done)> _batch = [];
    private bool _pumping;
    private Process? _process;
    private int _distPort;

    private RabbitMqTestServer(string node, int amqpPort, int? managementPort, string? directory, string? cliHome)
    {
        Node = node;
        AmqpPort = amqpPort;
        ManagementPort = managementPort;
        Directory = directory;
        _cliHome = cliHome;
        if (managementPort is { } port)
        {
            _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            _management.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        }
    }

    public string Node { get; }

    public int AmqpPort { get; }

    public int? ManagementPort { get; }

    /// <summary>The node's data directory when it was started here; null for an external node.</summary>
    public string? Directory { get; }

    private string PidFile => Path.Combine(Directory!, "rabbitmq.pid");

    private string ConsoleLog => Path.Combine(Directory!, "log", "console.log");

    private static bool RunAsRabbitMqUser =>
        Environment.IsPrivilegedProcess && File.ReadLines("/etc/passwd").Any(l => l.StartsWith("rabbitmq:", StringComparison.Ordinal));

    /// <summary>An already running node (e.g. the one deploy/local/infra.sh starts).</summary>
    public static RabbitMqTestServer External(string node, int amqpPort, int? managementPort, string? cliHome) =>
        new(node, amqpPort, managementPort, directory: null, cliHome);

    /// <summary>Starts a private node with the management plugin on free ports and waits until it serves.</summary>
    public static async Task<RabbitMqTestServer> StartAsync(string directory)
    {
        if (!File.Exists(Path.Combine(RabbitBin, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                "rabbitmq-server is not installed: apt-get install -y rabbitmq-server (test.sh does this).");
        }

        var amqpPort = FreePort.Next();
        var distPort = FreePort.Next();
        var managementPort = FreePort.Next();
        var node = $"queueing-test-{amqpPort}@localhost";
        var server = new RabbitMqTestServer(node, amqpPort, managementPort, directory, cliHome: directory) { _distPort = distPort };
        await server.LaunchAsync(distPort);
        return server;
    }

    /// <summary>Kills the node (like a crash) and starts it again on the same ports with the same data directory.</summary>
    public async Task RestartAsync()
    {
        KillNow();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && await IsListeningAsync())
        {
            await Task.Delay(200);
        }

        await LaunchAsync(_distPort);
    }

    private async Task<bool> IsListeningAsync()
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", AmqpPort);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private async Task LaunchAsync(int distPort)
    {
        var dir = Directory!;
        ChildProcess.CreateOpenDirectory(dir);
        ChildProcess.CreateOpenDirectory(Path.Combine(dir, "log"));
        ChildProcess.CreateOpenDirectory(Path.Combine(dir, "mnesia"));
        await File.WriteAllTextAsync(Path.Combine(dir, "enabled_plugins"), "[rabbitmq_management].\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "rabbitmq-env.conf"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(dir, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.1 = 127.0.0.1:{AmqpPort}",
            "loopback_users.guest = true",
            $"management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {ManagementPort}",
            "management.rates_mode = none",
            "log.console = false",
            "log.file.level = warning",
            "disk_free_limit.absolute = 10MB",
            string.Empty));
        if (RunAsRabbitMqUser)
        {
            await ChildProcess.RunCheckedAsync(["chown", "-R", "rabbitmq:rabbitmq", dir], TimeSpan.FromSeconds(30));
        }

        var environment = new List<string>
        {
            $"RABBITMQ_NODENAME={Node}",
            "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
            $"RABBITMQ_NODE_PORT={AmqpPort}",
            $"RABBITMQ_DIST_PORT={distPort}",
            $"RABBITMQ_MNESIA_BASE={dir}/mnesia",
            $"RABBITMQ_LOG_BASE={dir}/log",
            $"RABBITMQ_CONFIG_FILE={dir}/rabbitmq",
            $"RABBITMQ_ADVANCED_CONFIG_FILE={dir}/advanced.config",
            $"RABBITMQ_CONF_ENV_FILE={dir}/rabbitmq-env.conf",
            $"RABBITMQ_ENABLED_PLUGINS_FILE={dir}/enabled_plugins",
            $"RABBITMQ_PID_FILE={PidFile}",
            "ERL_EPMD_ADDRESS=127.0.0.1",
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}",
        };
        _process = ChildProcess.StartDetached(ConsoleLog, RabbitCommand("rabbitmq-server", environment, []));
        await WaitUntilReadyAsync();
    }

    /// <summary>The command line that runs a RabbitMQ program as the right user, with HOME holding the node's cookie.</summary>
    private List<string> RabbitCommand(string program, IEnumerable<string> environment, IEnumerable<string> arguments)
    {
        var command = new List<string>();
        if (_cliHome is null)
        {
            // The Debian wrapper switches to user rabbitmq, whose HOME (/var/lib/rabbitmq) holds the system cookie.
            command.AddRange(["env", "RABBITMQ_CTL_DIST_PORT_MIN=0", "RABBITMQ_CTL_DIST_PORT_MAX=0", $"/usr/sbin/{program}"]);
            command.AddRange(arguments);
            return command;
        }

        if (RunAsRabbitMqUser)
        {
            command.AddRange(["runuser", "-u", "rabbitmq", "--"]);
        }

        command.AddRange(["env", $"HOME={_cliHome}",
            // The CLI's own distribution port defaults to 35672-35682; let the kernel choose one.
            "RABBITMQ_CTL_DIST_PORT_MIN=0", "RABBITMQ_CTL_DIST_PORT_MAX=0"]);
        command.AddRange(environment);
        command.Add(Path.Combine(RabbitBin, program));
        command.AddRange(arguments);
        return command;
    }

    private async Task WaitUntilReadyAsync()
    {
        var watch = Stopwatch.StartNew();
        var lastError = "not started";
        while (watch.Elapsed < StartTimeout)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException(
                    $"rabbitmq-server (node {Node}) exited with code {exited.ExitCode} during startup.\n{Logs()}");
            }

            try
            {
                using var response = await _management!.GetAsync("api/overview");
                if (response.IsSuccessStatusCode && await AmqpPortOpenAsync())
                {
                    return;
                }

                lastError = $"management API answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
            {
                lastError = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"rabbitmq-server (node {Node}) was not ready within {StartTimeout.TotalSeconds:0} s ({lastError}).\n{Logs()}");
    }

    private async Task<bool> AmqpPortOpenAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", AmqpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Logs()
    {
        if (Directory is null)
        {
            return string.Empty;
        }

        var nodeLog = Path.Combine(Directory, "log", Node + ".log");
        return ChildProcess.Tail(ConsoleLog) + "\n" + ChildProcess.Tail(nodeLog);
    }

    /// <summary>Creates <paramref name="vhost"/> (if missing) and grants guest configure/write/read on everything in it.</summary>
    public async Task CreateVirtualHostAsync(string vhost)
    {
        if (_management is not null)
        {
            var escaped = Uri.EscapeDataString(vhost);
            await PutAsync($"api/vhosts/{escaped}", "{}");
            await PutAsync($"api/permissions/{escaped}/guest", """{"configure":".*","write":".*","read":".*"}""");
            return;
        }

        // rabbitmqctl: each call boots an Erlang VM (about 0.5-1 s of CPU), so requests that arrive while one
        // call runs are batched into the next one.
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startPump = false;
        lock (_batchGate)
        {
            _batch.Add((vhost, pending));
            if (!_pumping)
            {
                _pumping = true;
                startPump = true;
            }
        }

        if (startPump)
        {
            _ = Task.Run(PumpCliBatchesAsync);
        }

        await pending.Task;
    }

    private async Task PumpCliBatchesAsync()
    {
        while (true)
        {
            List<(string VHost, TaskCompletionSource Done)> batch;
            lock (_batchGate)
            {
                if (_batch.Count == 0)
                {
                    _pumping = false;
                    return;
                }

                batch = [.. _batch];
                _batch.Clear();
            }

            try
            {
                var names = string.Join(", ", batch.Select(b => "<<\"" +
                    b.VHost.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"/utf8>>"));
                var expression =
                    "lists:foreach(fun(V) -> " +
                    "case rabbit_vhost:exists(V) of true -> ok; false -> rabbit_vhost:add(V, <<\"queueing-tests\">>) end, " +
                    "ok = rabbit_auth_backend_internal:set_permissions(<<\"guest\">>, V, <<\".*\">>, <<\".*\">>, <<\".*\">>, <<\"queueing-tests\">>) " +
                    $"end, [{names}]), created_ok.";
                var output = await ChildProcess.RunCheckedAsync(
                    RabbitCommand("rabbitmqctl", [], ["-q", "-n", Node, "eval", expression]), TimeSpan.FromSeconds(60));
                if (!output.Contains("created_ok", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Creating vhosts on {Node} failed: {output}");
                }

                foreach (var item in batch)
                {
                    item.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var item in batch)
                {
                    item.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task PutAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _management!.PutAsync(path, content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"PUT {path} on the RabbitMQ management API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Kills a node started here at once (its data is temporary); for process exit.</summary>
    public void KillNow()
    {
        if (Directory is null)
        {
            return;
        }

        ChildProcess.KillFromPidFile(PidFile);
        if (_process is { } process)
        {
            ChildProcess.TryKill(process);
        }
    }
}
