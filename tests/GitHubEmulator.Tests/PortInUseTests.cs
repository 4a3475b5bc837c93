using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>The emulator process asked for a port that is taken: one clear line, not Kestrel's stack trace.</summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task SaysSoInOneLineAndExits3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "GitHubEmulator.dll"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(3, process.ExitCode);
            Assert.Equal("", stdout);
            Assert.Equal($"Port {port} on 127.0.0.1 is in use (another emulator?): choose another with --port N, or --port 0 for a free one.",
                (await stderr).TrimEnd('\r', '\n'));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
