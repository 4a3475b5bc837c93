using System.Text;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>GitHub Enterprise Server 2.2x took the newer status fields only with their preview media types.</summary>
public sealed class GhesTests
{
    private const string Flash = "application/vnd.github.flash-preview+json";
    private const string AntMan = "application/vnd.github.ant-man-preview+json";

    private static async Task<Reply> PostStatusAsync(TestEmulator emu, long id, string json, params string[] accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"repos/o/r/deployments/{id}/statuses")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(string.Join(", ", ["application/vnd.github+json", .. accept]));
        return await emu.SendAsync(request);
    }

    private static async Task<(TestEmulator Emu, long Id)> StartGhesAsync()
    {
        var emu = await TestEmulator.StartAsync();
        emu.State.Settings.Ghes22 = true;
        return (emu, (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"state":"in_progress"}""", "state", Flash)]
    [InlineData("""{"state":"queued"}""", "state", Flash)]
    [InlineData("""{"state":"success","environment":"qa"}""", "environment", Flash)]
    [InlineData("""{"state":"inactive"}""", "state", AntMan)]
    [InlineData("""{"state":"success","log_url":"https://ci.example/1"}""", "log_url", AntMan)]
    [InlineData("""{"state":"success","environment_url":"https://qa.example"}""", "environment_url", AntMan)]
    [InlineData("""{"state":"success","auto_inactive":false}""", "auto_inactive", AntMan)]
    public async Task NewerFieldsWithoutTheirPreviewAre422(string json, string field, string preview)
    {
        var (emu, id) = await StartGhesAsync();
        await using var _ = emu;

        var reply = await PostStatusAsync(emu, id, json);

        Assert.Equal(422, reply.Status);
        Assert.Equal("Validation Failed", reply.Json["message"]!.GetValue<string>());
        Assert.Contains(reply.Json["errors"]!.AsArray(), e =>
            e!["field"]!.GetValue<string>() == field && e["message"]!.GetValue<string>().Contains(preview, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithBothPreviewsEverythingIsAccepted()
    {
        var (emu, id) = await StartGhesAsync();
        await using var _ = emu;

        var reply = await PostStatusAsync(emu, id,
            """{"state":"inactive","environment":"qa","log_url":"https://ci.example/1","environment_url":"https://qa.example","auto_inactive":true}""",
            Flash, AntMan);

        Assert.Equal(201, reply.Status);
    }

    [Fact]
    public async Task ClassicStatusesNeedNoPreview()
    {
        var (emu, id) = await StartGhesAsync();
        await using var _ = emu;

        var reply = await PostStatusAsync(emu, id, """{"state":"success","target_url":"https://ci.example/1","description":"ok"}""");

        Assert.Equal(201, reply.Status);
    }

    [Fact]
    public async Task WithoutTheSwitchNoPreviewIsNeeded()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();

        var reply = await PostStatusAsync(emu, id, """{"state":"in_progress","environment":"qa","log_url":"https://ci.example/1"}""");

        Assert.Equal(201, reply.Status);
    }
}
