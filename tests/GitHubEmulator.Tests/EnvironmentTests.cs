using Xunit;

namespace GitHubEmulator.Tests;

public sealed class EnvironmentTests
{
    [Fact]
    public async Task EveryNamedEnvironmentIsListedByName()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}""");
        await emu.CreateDeploymentAsync("""{"ref":"main"}""");
        await emu.CreateStatusAsync(deployment["id"]!.GetValue<long>(), """{"state":"success","environment":"qa"}""");

        var reply = await emu.GetAsync("repos/o/r/environments");

        Assert.Equal(200, reply.Status);
        Assert.Equal(3, reply.Json["total_count"]!.GetValue<int>());
        Assert.Equal(["production", "qa", "staging"], reply.Json["environments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal($"{emu.BaseUrl}repos/o/r/environments/qa", reply.Json["environments"]![1]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoDeploymentsNoEnvironments()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GetAsync("repos/o/r/environments");

        Assert.Equal("""{"total_count":0,"environments":[]}""", reply.Text);
    }
}
