using System.Collections;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Session;
using Xunit;

namespace DeploymentStatus.Tests;

public class ConnectionSettingsTests
{
    static CiEnvironment Env(params (string Name, string Value)[] values)
    {
        var env = new Hashtable();
        foreach (var (name, value) in values) env[name] = value;
        return new CiEnvironment(env);
    }

    public class TheResolveApiUriMethod
    {
        [Theory]
        [InlineData("github.com", "https://api.github.com/")]
        [InlineData("GitHub.com", "https://api.github.com/")]
        [InlineData("octo.ghe.com", "https://api.octo.ghe.com/")]
        [InlineData("github.example.com", "https://github.example.com/api/v3/")]
        [InlineData("github.example.com:8443", "https://github.example.com:8443/api/v3/")]
        public void MapsHostNamesAsGhDoes(string host, string expected) =>
            Assert.Equal(expected, ConnectionSettings.ResolveApiUri(null, host, Env()).AbsoluteUri);

        [Fact]
        public void TakesTheFirstFoundInOrder()
        {
            var env = Env(("GITHUB_API_URL", "https://ghes.example.com/api/v3"), ("GH_HOST", "other.example.com"));
            Assert.Equal("https://explicit.example.com/api/", ConnectionSettings.ResolveApiUri(new Uri("https://explicit.example.com/api"), "h.example.com", env).AbsoluteUri);
            Assert.Equal("https://h.example.com/api/v3/", ConnectionSettings.ResolveApiUri(null, "h.example.com", env).AbsoluteUri);
            Assert.Equal("https://ghes.example.com/api/v3/", ConnectionSettings.ResolveApiUri(null, null, env).AbsoluteUri);
            Assert.Equal("https://other.example.com/api/v3/", ConnectionSettings.ResolveApiUri(null, null, Env(("GH_HOST", "other.example.com"))).AbsoluteUri);
            Assert.Equal("https://api.github.com/", ConnectionSettings.ResolveApiUri(null, null, Env()).AbsoluteUri);
        }

        [Theory]
        [InlineData("http://github.example.com/api/v3/")]
        [InlineData("ftp://github.example.com/")]
        [InlineData("https://user:pw@github.example.com/")]
        [InlineData("https://github.example.com/?q=1")]
        public void RefusesUnsafeApiUris(string uri) =>
            Assert.Throws<ArgumentException>(() => ConnectionSettings.ResolveApiUri(new Uri(uri), null, Env()));

        [Fact]
        public void AllowsHttpOnlyToLoopback() =>
            Assert.Equal("http://127.0.0.1:5000/api/v3/", ConnectionSettings.ResolveApiUri(new Uri("http://127.0.0.1:5000/api/v3"), null, Env()).AbsoluteUri);

        [Theory]
        [InlineData("https://github.example.com")]
        [InlineData("github example")]
        public void RefusesWhatIsNotAHostName(string host) =>
            Assert.Throws<ArgumentException>(() => ConnectionSettings.ResolveApiUri(null, host, Env()));
    }

    public class TheTokenFromEnvironmentMethod
    {
        [Fact]
        public void PrefersGhTokenThenGitHubTokenForGitHubCom()
        {
            var both = ConnectionSettings.TokenFromEnvironment(ConnectionSettings.GitHubComApi, Env(("GH_TOKEN", "a"), ("GITHUB_TOKEN", "b")));
            Assert.Equal(GhTokenSource.GH_TOKEN, both!.Value.Source);
            Assert.Equal("a", ConnectionSettings.Reveal(both.Value.Token));
            var one = ConnectionSettings.TokenFromEnvironment(ConnectionSettings.GitHubComApi, Env(("GITHUB_TOKEN", "b")));
            Assert.Equal(GhTokenSource.GITHUB_TOKEN, one!.Value.Source);
        }

        [Fact]
        public void UsesEnterpriseTokensForEnterpriseServerHosts()
        {
            var ghes = new Uri("https://github.example.com/api/v3/");
            Assert.Null(ConnectionSettings.TokenFromEnvironment(ghes, Env(("GH_TOKEN", "a"))));
            var token = ConnectionSettings.TokenFromEnvironment(ghes, Env(("GH_TOKEN", "a"), ("GITHUB_ENTERPRISE_TOKEN", "e")));
            Assert.Equal(GhTokenSource.GITHUB_ENTERPRISE_TOKEN, token!.Value.Source);
            Assert.Equal(GhTokenSource.GH_ENTERPRISE_TOKEN,
                ConnectionSettings.TokenFromEnvironment(ghes, Env(("GH_ENTERPRISE_TOKEN", "x"), ("GITHUB_ENTERPRISE_TOKEN", "e")))!.Value.Source);
        }

        [Fact]
        public void TakesGitHubTokenOnAnEnterpriseServerThatRunsTheActionsJob()
        {
            var ghes = new Uri("https://ghes.example.com/api/v3/");
            var actions = Env(("GITHUB_ACTIONS", "true"), ("GITHUB_API_URL", "https://ghes.example.com/api/v3"), ("GITHUB_TOKEN", "job"));
            var token = ConnectionSettings.TokenFromEnvironment(ghes, actions);
            Assert.Equal(GhTokenSource.GITHUB_TOKEN, token!.Value.Source);
            Assert.Equal("job", ConnectionSettings.Reveal(token.Value.Token));
            // Not for another server, not outside Actions, and an enterprise token still comes first.
            Assert.Null(ConnectionSettings.TokenFromEnvironment(new Uri("https://other.example.com/api/v3/"), actions));
            Assert.Null(ConnectionSettings.TokenFromEnvironment(ghes, Env(("GITHUB_API_URL", "https://ghes.example.com/api/v3"), ("GITHUB_TOKEN", "job"))));
            var withEnterpriseToken = Env(("GITHUB_ACTIONS", "true"), ("GITHUB_API_URL", "https://ghes.example.com/api/v3"), ("GITHUB_TOKEN", "job"), ("GH_ENTERPRISE_TOKEN", "mine"));
            Assert.Equal(GhTokenSource.GH_ENTERPRISE_TOKEN, ConnectionSettings.TokenFromEnvironment(ghes, withEnterpriseToken)!.Value.Source);
        }

        [Fact]
        public void ReadsGhTokenForALoopbackApiRootAfterTheEnterpriseNames()
        {
            var emulator = new Uri("http://127.0.0.1:5000/api/v3/");
            Assert.Equal(GhTokenSource.GH_TOKEN, ConnectionSettings.TokenFromEnvironment(emulator, Env(("GH_TOKEN", "a"), ("GITHUB_TOKEN", "b")))!.Value.Source);
            Assert.Equal(GhTokenSource.GITHUB_TOKEN, ConnectionSettings.TokenFromEnvironment(new Uri("http://localhost:5000/"), Env(("GITHUB_TOKEN", "b")))!.Value.Source);
            Assert.Equal(GhTokenSource.GH_ENTERPRISE_TOKEN, ConnectionSettings.TokenFromEnvironment(emulator, Env(("GH_TOKEN", "a"), ("GH_ENTERPRISE_TOKEN", "e")))!.Value.Source);
            Assert.Equal("GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN, GH_TOKEN or GITHUB_TOKEN", ConnectionSettings.TokenVariables(emulator));
            Assert.Equal("GH_TOKEN or GITHUB_TOKEN", ConnectionSettings.TokenVariables(ConnectionSettings.GitHubComApi));
        }

        [Fact]
        public void TreatsGheComAsCloud() =>
            Assert.Equal(GhTokenSource.GH_TOKEN, ConnectionSettings.TokenFromEnvironment(new Uri("https://api.octo.ghe.com/"), Env(("GH_TOKEN", "a")))!.Value.Source);

        [Fact]
        public void IgnoresBlankValues() =>
            Assert.Null(ConnectionSettings.TokenFromEnvironment(ConnectionSettings.GitHubComApi, Env(("GH_TOKEN", "  "))));
    }
}
