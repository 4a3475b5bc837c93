using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;
using System.Collections;
using Xunit;

namespace DeploymentStatus.Tests;

public class StatusRequestTests
{
    public class TheToBodyMethod
    {
        [Fact]
        public void SendsOnlyTheStateWhenNothingElseIsGiven() =>
            Assert.Equal(["state"], new StatusRequest("queued").ToBody().Keys);

        [Fact]
        public void UsesGitHubsFieldNames()
        {
            var body = new StatusRequest("in_progress")
            {
                Description = "d",
                LogUrl = new Uri("https://l.example.com/x"),
                TargetUrl = new Uri("https://t.example.com/x"),
                Environment = "e",
                EnvironmentUrl = new Uri("https://e.example.com"),
                AutoInactive = true,
            }.ToBody();
            Assert.Equal(["state", "description", "log_url", "target_url", "environment", "environment_url", "auto_inactive"], body.Keys);
            Assert.Equal("https://e.example.com", body["environment_url"]);
            Assert.Equal(true, body["auto_inactive"]);
        }

        [Fact]
        public void RefusesADescriptionOverGitHubsLimit()
        {
            Assert.Throws<GhInputException>(() => new StatusRequest("success") { Description = new string('x', 141) }.ToBody());
            Assert.Single(new StatusRequest("success") { Description = new string('x', 140) }.ToBody(), p => p.Key == "description");
        }

        [Fact]
        public void RefusesAStateGitHubDoesNotKnow() => Assert.Throws<GhInputException>(() => new StatusRequest("done"));
    }

    public class TheTruncateMethod
    {
        [Fact]
        public void KeepsShortTextAsItIs() => Assert.Equal("short", StatusRequest.Truncate("short"));

        [Fact]
        public void CutsLongTextTo140WithAnEllipsis()
        {
            var cut = StatusRequest.Truncate(new string('a', 200));
            Assert.Equal(140, cut.Length);
            Assert.EndsWith("\u2026", cut);
        }
    }

    public class TheMatchesMethod
    {
        [Fact]
        public void MatchesTheStatusItWouldHaveCreated()
        {
            var request = new StatusRequest("inactive") { Description = "gone" };
            Assert.True(request.Matches(new GhDeploymentStatus { State = "inactive", Description = "gone" }));
            Assert.False(request.Matches(new GhDeploymentStatus { State = "inactive", Description = "other" }));
            Assert.False(request.Matches(new GhDeploymentStatus { State = "success", Description = "gone" }));
        }
    }
}

public class CiEnvironmentTests
{
    [Fact]
    public void LinksTheGitHubActionsRun()
    {
        var env = new Hashtable { ["GITHUB_ACTIONS"] = "true", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "octo-org/hello-world", ["GITHUB_RUN_ID"] = "42" };
        Assert.Equal("https://github.com/octo-org/hello-world/actions/runs/42", new CiEnvironment(env).RunUrl!.AbsoluteUri);
        Assert.Equal(("octo-org", "hello-world"), new CiEnvironment(env).Repository);
    }

    [Fact]
    public void LinksTheAzurePipelinesBuild()
    {
        var env = new Hashtable
        {
            ["TF_BUILD"] = "True", ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/contoso/", ["SYSTEM_TEAMPROJECT"] = "Web Shop",
            ["BUILD_BUILDID"] = "1234", ["BUILD_REPOSITORY_PROVIDER"] = "GitHub", ["BUILD_REPOSITORY_NAME"] = "contoso/web",
        };
        Assert.Equal("https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234", new CiEnvironment(env).RunUrl!.AbsoluteUri);
        Assert.Equal(("contoso", "web"), new CiEnvironment(env).Repository);
    }

    [Fact]
    public void IgnoresAzureReposRepositories()
    {
        var env = new Hashtable { ["BUILD_REPOSITORY_PROVIDER"] = "TfsGit", ["BUILD_REPOSITORY_NAME"] = "web" };
        Assert.Null(new CiEnvironment(env).Repository);
    }

    [Fact]
    public void GivesNothingOutsideCi() => Assert.Null(new CiEnvironment(new Hashtable()).RunUrl);
}
