using System.Diagnostics;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>The emulator as Pester, the demo and the benchmark start it: a process that prints where it listens.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task PrintsTheListeningLineServesAndExitsWhenStdinCloses()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GitHubEmulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));

            Assert.Matches(@"^GITHUB_EMULATOR_LISTENING http://127\.0\.0\.1:\d+/$", line);
            using var http = new HttpClient { BaseAddress = new Uri(line!.Split(' ')[1]) };
            Assert.Equal("[]", await http.GetStringAsync("_emulator/requests"));

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
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
