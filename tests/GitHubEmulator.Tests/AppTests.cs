using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>
/// GitHub Apps: <c>POST /_emulator/apps</c> registers one; <c>POST /app/installations/{id}/access_tokens</c> verifies the
/// Bearer JWT (RS256 with the app's key, iss, iat, exp, as GitHub does) and mints an installation token that sees the
/// installation's repositories and expires on the emulator's clock.
/// </summary>
public sealed class AppTests : IAsyncLifetime
{
    const string AppId = "123";
    const long Installation = 42;

    readonly RSA key = RSA.Create(2048);
    TestEmulator emu = null!;

    public async Task InitializeAsync()
    {
        emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("octo-org", "hello-world");
        emu.State.AddRepository("octo-org", "secret");
        emu.State.AddRepository("other", "repo");
        var registered = await emu.ControlAsync(HttpMethod.Post, "apps", new JsonObject
        {
            ["appId"] = AppId,
            ["publicKeyPem"] = key.ExportSubjectPublicKeyInfoPem(),
            ["installations"] = new JsonArray(
                new JsonObject { ["id"] = Installation, ["login"] = "octo-org", ["repos"] = new JsonArray("octo-org/hello-world") },
                new JsonObject { ["id"] = 43, ["login"] = "octo-org" }),
            ["tokenLifetimeSeconds"] = 3600,
        }.ToJsonString());
        Assert.Equal(204, registered.Status);
        emu.Http.DefaultRequestHeaders.Authorization = null;
    }

    public async Task DisposeAsync()
    {
        key.Dispose();
        await emu.DisposeAsync();
    }

    long Now => emu.Clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A JWT built here, independently of the module: header.claims.signature, base64url, RS256.</summary>
    static string Jwt(RSA signer, string claims, string header = """{"alg":"RS256","typ":"JWT"}""")
    {
        var input = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(claims));
        return input + "." + B64(signer.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    string GoodJwt() => Jwt(key, $$"""{"iat":{{Now - 60}},"exp":{{Now + 540}},"iss":{{AppId}}}""");

    Task<Reply> Mint(string? jwt, long installation = Installation, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"app/installations/{installation}/access_tokens");
        if (jwt != null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, jwt);
        return emu.SendAsync(request);
    }

    Task<Reply> WithToken(string token, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        return emu.SendAsync(request);
    }

    [Fact]
    public async Task AValidJwtGetsAnInstallationTokenAsGitHubDescribesIt()
    {
        var reply = await Mint(GoodJwt());

        Assert.Equal(201, reply.Status);
        var body = reply.Json.AsObject();
        Assert.Equal(["token", "expires_at", "permissions", "repository_selection"], body.Select(p => p.Key));
        Assert.Matches("^ghs_[A-Za-z0-9]{36}$", body["token"]!.GetValue<string>());
        Assert.Equal("2026-01-15T11:00:00Z", body["expires_at"]!.GetValue<string>());
        Assert.Equal("selected", body["repository_selection"]!.GetValue<string>());
        Assert.Equal("write", body["permissions"]!["deployments"]!.GetValue<string>());
        // Date on the same clock as expires_at, so a client can measure the lifetime.
        Assert.Equal("Thu, 15 Jan 2026 10:00:00 GMT", reply.Header("Date"));
        Assert.NotNull(reply.Header("x-ratelimit-limit"));
        var recorded = Assert.Single(emu.State.Requests.Snapshot());
        Assert.Equal("/app/installations/42/access_tokens", recorded.Path);
        Assert.StartsWith("Bearer ey", recorded.Headers["Authorization"]);
    }

    [Fact]
    public async Task TheIssuerMayBeANumberOrAString()
    {
        Assert.Equal(201, (await Mint(Jwt(key, $$"""{"iat":{{Now}},"exp":{{Now + 600}},"iss":"123"}"""))).Status);
        Assert.Equal(201, (await Mint(Jwt(key, $$"""{"iat":{{Now}},"exp":{{Now + 600}},"iss":123}"""))).Status);
    }

    [Fact]
    public async Task TheTokenSeesTheInstallationsRepositoriesAsTheAppsBot()
    {
        var token = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();

        var created = await WithToken(token, HttpMethod.Post, "repos/octo-org/hello-world/deployments", """{"ref":"main"}""");
        var hidden = await WithToken(token, HttpMethod.Get, "repos/octo-org/secret/deployments");
        var user = await WithToken(token, HttpMethod.Get, "user");

        Assert.Equal(201, created.Status);
        Assert.Equal("app-123[bot]", created.Json["creator"]!["login"]!.GetValue<string>());
        Assert.Equal(404, hidden.Status);
        Assert.Equal(403, user.Status);
        Assert.Equal("Resource not accessible by integration", user.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInstallationWithoutRepositoriesSeesEveryRepositoryOfItsAccount()
    {
        var reply = await Mint(GoodJwt(), 43);
        var token = reply.Json["token"]!.GetValue<string>();

        Assert.Equal("all", reply.Json["repository_selection"]!.GetValue<string>());
        Assert.Equal(200, (await WithToken(token, HttpMethod.Get, "repos/octo-org/secret/deployments")).Status);
        Assert.Equal(404, (await WithToken(token, HttpMethod.Get, "repos/other/repo/deployments")).Status);
    }

    [Fact]
    public async Task AnInstallationListsTheRepositoriesItsTokenSees()
    {
        var selected = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();
        var all = (await Mint(GoodJwt(), 43)).Json["token"]!.GetValue<string>();

        var few = await WithToken(selected, HttpMethod.Get, "installation/repositories");
        var many = await WithToken(all, HttpMethod.Get, "installation/repositories?per_page=1");
        var notAnInstallation = await WithToken(TestEmulator.Token, HttpMethod.Get, "installation/repositories");

        Assert.Equal(1, few.Json["total_count"]!.GetValue<int>());
        Assert.Equal("selected", few.Json["repository_selection"]!.GetValue<string>());
        Assert.Equal("octo-org/hello-world", few.Json["repositories"]![0]!["full_name"]!.GetValue<string>());
        new OpenApiContract().AssertValidResponse("GET", "/installation/repositories", 200, few.Json);
        Assert.Equal(2, many.Json["total_count"]!.GetValue<int>());
        Assert.Equal("all", many.Json["repository_selection"]!.GetValue<string>());
        Assert.Single(many.Json["repositories"]!.AsArray());
        Assert.Contains("rel=\"next\"", many.Header("Link"));
        Assert.Equal(403, notAnInstallation.Status);
    }

    [Fact]
    public async Task TheTokenExpiresOnTheEmulatorsClock()
    {
        var token = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();

        emu.Clock.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(200, (await WithToken(token, HttpMethod.Get, "repos/octo-org/hello-world/deployments")).Status);
        emu.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await WithToken(token, HttpMethod.Get, "repos/octo-org/hello-world/deployments");

        Assert.Equal(401, expired.Status);
        Assert.Equal("Bad credentials", expired.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheLifetimeIsTheAppsOwn()
    {
        emu.State.AddApp(new GitHubAppSpec("7", key.ExportRSAPublicKeyPem()) { Installations = [new InstallationSpec(1, "octo-org")], TokenLifetimeSeconds = 120 });

        var reply = await Mint(Jwt(key, $$"""{"iat":{{Now}},"exp":{{Now + 60}},"iss":7}"""), 1);

        Assert.Equal("2026-01-15T10:02:00Z", reply.Json["expires_at"]!.GetValue<string>());
    }

    public static TheoryData<string, int, int, string> TimeClaims() => new()
    {
        // iat offset, exp offset (seconds from the emulator's now), GitHub's message
        { "exp in the past", -600, -1, EmulatorState.ExpNotFuture },
        { "exp now", -600, 0, EmulatorState.ExpNotFuture },
        { "exp more than 10 minutes after iat", -61, 540, EmulatorState.ExpTooFar },
        { "exp more than 10 minutes from now (a clock ahead)", 1, 601, EmulatorState.ExpTooFar },
        { "iat more than 60 s in the future", 61, 300, EmulatorState.IatInvalid },
    };

    [Theory]
    [MemberData(nameof(TimeClaims))]
    public async Task TimeClaimsAreCheckedAsGitHubChecksThem(string what, int iat, int exp, string message)
    {
        var reply = await Mint(Jwt(key, $$"""{"iat":{{Now + iat}},"exp":{{Now + exp}},"iss":"123"}"""));

        Assert.True(401 == reply.Status, what);
        Assert.Equal(message, reply.Json["message"]!.GetValue<string>());
        Assert.Equal("https://docs.github.com/rest", reply.Json["documentation_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheEdgesOfTheTimeRulesAreAccepted()
    {
        Assert.Equal(201, (await Mint(Jwt(key, $$"""{"iat":{{Now + 60}},"exp":{{Now + 600}},"iss":"123"}"""))).Status);
        Assert.Equal(201, (await Mint(Jwt(key, $$"""{"iat":{{Now - 599}},"exp":{{Now + 1}},"iss":"123"}"""))).Status);
    }

    [Fact]
    public async Task AJwtThatIsNotTheAppsIsNotDecoded()
    {
        using var other = RSA.Create(2048);
        var claims = $$"""{"iat":{{Now - 60}},"exp":{{Now + 540}},"iss":123}""";
        var good = GoodJwt();
        var cases = new (string What, string? Jwt, string Scheme)[]
        {
            ("signed with another key", Jwt(other, claims), "Bearer"),
            ("another issuer", Jwt(key, claims.Replace("\"iss\":123", "\"iss\":124")), "Bearer"),
            ("no issuer", Jwt(key, $$"""{"iat":{{Now - 60}},"exp":{{Now + 540}}}"""), "Bearer"),
            ("HS256", Jwt(key, claims, """{"alg":"HS256","typ":"JWT"}"""), "Bearer"),
            ("alg none", Jwt(key, claims, """{"alg":"none"}"""), "Bearer"),
            ("claims changed after signing", good.Split('.')[0] + "." + B64(Encoding.UTF8.GetBytes(claims.Replace("\"iss\":123", "\"iss\":123 "))) + "." + good.Split('.')[2], "Bearer"),
            ("signature cut", good[..^4], "Bearer"),
            ("two parts", good[..good.LastIndexOf('.')], "Bearer"),
            ("not base64url", "a.b.c", "Bearer"),
            ("the token scheme", good, "token"),
            ("no Authorization", null, "Bearer"),
        };
        foreach (var (what, jwt, scheme) in cases)
        {
            var reply = await Mint(jwt, Installation, scheme);
            Assert.True(reply.Status == 401, what + ": " + reply.Status);
            Assert.True(EmulatorState.CouldNotDecode == reply.Json["message"]!.GetValue<string>(), what);
        }
    }

    [Fact]
    public async Task AMintedTokenIsNoJwt()
    {
        var token = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();

        Assert.Equal(401, (await Mint(token)).Status);
    }

    [Fact]
    public async Task AnUnknownInstallationIsNotFound()
    {
        var reply = await Mint(GoodJwt(), 999);

        Assert.Equal(404, reply.Status);
        Assert.Equal("Not Found", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheControlApiRefusesAMalformedApp()
    {
        foreach (var body in new[]
        {
            """{"publicKeyPem":"x"}""",
            """{"appId":"1"}""",
            """{"appId":"1","publicKeyPem":"not a key"}""",
            """{"appId":"1","publicKeyPem":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"}""",
            """{"appId":"1","publicKeyPem":"PEM","installations":[{"login":"o"}]}""",
            """{"appId":"1","publicKeyPem":"PEM","installations":[5]}""",
            """{"appId":"1","publicKeyPem":"PEM","tokenLifetimeSeconds":0}""",
        })
        {
            var reply = await emu.ControlAsync(HttpMethod.Post, "apps", body.Replace("\"PEM\"", JsonValue.Create(key.ExportSubjectPublicKeyInfoPem()).ToJsonString()));
            Assert.True(reply.Status == 400, body + ": " + reply.Status);
            Assert.False(string.IsNullOrEmpty(reply.Json["message"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task TheAppIdMayBeGivenAsANumber()
    {
        var reply = await emu.ControlAsync(HttpMethod.Post, "apps", new JsonObject
        {
            ["appId"] = 77,
            ["publicKeyPem"] = key.ExportSubjectPublicKeyInfoPem(),
            ["installations"] = new JsonArray(new JsonObject { ["id"] = 3000000001L, ["login"] = "octo-org" }),
        }.ToJsonString());

        Assert.Equal(204, reply.Status);
        Assert.Equal(201, (await Mint(Jwt(key, $$"""{"iat":{{Now}},"exp":{{Now + 60}},"iss":"77"}"""), 3000000001L)).Status);
    }

    [Fact]
    public async Task RevokingAnInstallationsTokensRefusesThemButNotOthersAndANewMintWorks()
    {
        var revoked = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();
        var otherInstallation = (await Mint(GoodJwt(), 43)).Json["token"]!.GetValue<string>();

        var reply = await emu.ControlAsync(HttpMethod.Post, $"installations/{Installation}/revoke");

        Assert.Equal(200, reply.Status);
        Assert.Equal(1, reply.Json["revoked"]!.GetValue<int>());
        var refused = await WithToken(revoked, HttpMethod.Get, "repos/octo-org/hello-world/deployments");
        Assert.Equal(401, refused.Status);
        Assert.Equal("Bad credentials", refused.Json["message"]!.GetValue<string>());
        Assert.Equal(200, (await WithToken(otherInstallation, HttpMethod.Get, "repos/octo-org/hello-world/deployments")).Status);
        var fresh = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();
        Assert.Equal(200, (await WithToken(fresh, HttpMethod.Get, "repos/octo-org/hello-world/deployments")).Status);
    }

    [Fact]
    public async Task ResetForgetsAppsAndTheirTokens()
    {
        var token = (await Mint(GoodJwt())).Json["token"]!.GetValue<string>();

        await emu.ControlAsync(HttpMethod.Post, "reset");
        emu.State.AddRepository("octo-org", "hello-world");

        Assert.Equal(401, (await Mint(GoodJwt())).Status);
        Assert.Equal(401, (await WithToken(token, HttpMethod.Get, "repos/octo-org/hello-world/deployments")).Status);
    }
}
