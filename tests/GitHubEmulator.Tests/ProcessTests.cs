using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>The emulator as Pester, the demo, the benchmark and users' pipelines start it: a process that prints where it listens.</summary>
public sealed class ProcessTests
{
    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GitHubEmulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task PrintsTheListeningLineServesAndExitsWhenStdinCloses()
    {
        using var process = Start("--port", "0");
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
            Stop(process);
        }
    }

    [Fact]
    public async Task ServesItsSeedKeepsRunningWithoutStdinAndAResetBringsTheSeedBack()
    {
        var seed = Path.GetTempFileName();
        await File.WriteAllTextAsync(seed, """
            {
              "users": [ { "login": "hubot" } ],
              "repos": [ { "owner": "octo-org", "name": "hello-world",
                           "environments": [ { "name": "production", "waitTimer": 5, "reviewers": ["hubot"] } ],
                           "deployments": [ { "count": 2, "environment": "staging", "states": ["in_progress", "success"] } ] } ],
              "tokens": [ { "token": "ghp_seeded", "repos": ["octo-org/hello-world"] } ],
              "settings": { "ghes22": true }
            }
            """);
        using var process = Start("--port", "0", "--host", "127.0.0.1", "--seed", seed, "--latency", "1", "--no-stdin");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Matches(@"^GITHUB_EMULATOR_LISTENING http://127\.0\.0\.1:\d+/$", line);
            process.StandardInput.Close();
            using var http = new HttpClient { BaseAddress = new Uri(line!.Split(' ')[1]) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "ghp_seeded");

            async Task AssertSeeded()
            {
                var deployments = JsonNode.Parse(await http.GetStringAsync("repos/octo-org/hello-world/deployments"))!.AsArray();
                Assert.Equal(["staging", "staging"], deployments.Select(d => (string)d!["environment"]!));
                var production = JsonNode.Parse(await http.GetStringAsync("repos/octo-org/hello-world/environments/production"))!;
                Assert.Equal("hubot", (string)production["protection_rules"]!.AsArray().Single(r => (string)r!["type"]! == "required_reviewers")!["reviewers"]![0]!["reviewer"]!["login"]!);
                var settings = JsonNode.Parse(await (await http.PutAsync("_emulator/settings", new StringContent("{}"))).Content.ReadAsStringAsync())!;
                Assert.True((bool)settings["ghes22"]!);
                Assert.Equal(1, (int)settings["latencyMs"]!);
            }

            await AssertSeeded();
            await Task.Delay(300);
            Assert.False(process.HasExited, "With --no-stdin the emulator keeps running after its stdin closes.");

            (await http.PostAsync("repos/octo-org/hello-world/deployments", new StringContent("""{"ref":"main","environment":"qa"}"""))).EnsureSuccessStatusCode();
            (await http.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();
            await AssertSeeded();
        }
        finally
        {
            Stop(process);
            File.Delete(seed);
        }
    }

    [Theory]
    [InlineData("""{ "repo": [] }""", "--seed: the seed has 'repo'; it takes users, teams, repos, tokens, apps, settings.")]
    [InlineData("""{ "repos": [ { "owner": "o", "name": "r", "deployments": [ { "states": ["done"] } ] } ] }""", "--seed: repos[0].deployments[0]: 'done' is not a deployment status state.")]
    [InlineData("""{ "tokens": [ { "login": "x" } ] }""", "--seed: tokens[0]: 'token' is required.")]
    [InlineData("[]", "--seed: The body must be a JSON object.")]
    public async Task ABadSeedIsRefusedSayingWhere(string json, string message)
    {
        var seed = Path.GetTempFileName();
        await File.WriteAllTextAsync(seed, json);
        using var process = Start("--seed", seed);
        try
        {
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(2, process.ExitCode);
            Assert.StartsWith(message, error.Trim());
        }
        finally
        {
            Stop(process);
            File.Delete(seed);
        }
    }
}
