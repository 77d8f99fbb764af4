using System.Diagnostics;
using System.Text;

namespace Queueing.Testing;

/// <summary>Starting and running the external programs (redis-server, rabbitmq-server, rabbitmqctl) for tests.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Starts a long-running program in its own session (setsid, so a Ctrl-C aimed at the test run does not
    /// reach it directly), with stdin from /dev/null and stdout/stderr appended to <paramref name="logFile"/>.
    /// The program never holds the test host's pipes, so `dotnet test` can not hang on it.
    /// </summary>
    public static Process StartDetached(string logFile, IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("log=$1; shift; exec setsid \"$@\" >>\"$log\" 2>&1 </dev/null");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(logFile);
        foreach (var argument in command)
        {
            psi.ArgumentList.Add(argument);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
    }

    /// <summary>Runs a short command to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw new TimeoutException($"'{string.Join(' ', command)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    public static async Task<string> RunCheckedAsync(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(command, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' exited with {exitCode}:\n{output}");
        }

        return output;
    }

    public static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>SIGKILL the process whose id is in <paramref name="pidFile"/> (if any).</summary>
    public static void KillFromPidFile(string pidFile)
    {
        var pid = ReadPid(pidFile);
        if (pid is not { } id)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid > 1 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string path, int lines = 30)
    {
        try
        {
            if (!File.Exists(path))
            {
                return $"({path} does not exist)";
            }

            var all = File.ReadAllLines(path);
            return $"--- {path} (last {Math.Min(lines, all.Length)} lines) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"({path}: {ex.Message})";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"({path}: {ex.Message})";
        }
    }

    /// <summary>Finds an executable on PATH or in the usual Debian locations.</summary>
    public static string? Which(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Creates a directory with mode 0755 regardless of the umask (other users must traverse it).</summary>
    public static void CreateOpenDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
