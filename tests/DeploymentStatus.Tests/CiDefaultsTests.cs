using System.Collections;
using DeploymentStatus.Pipelines;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The defaults taken from a CI run (<see cref="CiDefaults"/>), each with the variables a real runner sets (names and value
/// shapes from learn.microsoft.com/azure/devops/pipelines/build/variables, .../release/variables and
/// docs.github.com/actions/reference/workflows-and-actions/variables), and each shown to be absent outside CI and wherever the
/// variables cannot say for sure.
/// </summary>
public class CiDefaultsTests
{
    const string Sha = "7b3936492100f1b6f184e9b1ed9b4f97a8f61ed2";
    const string JobId = "12f1170f-54f2-53f3-20dd-22fc7dff55f9";

    static CiEnvironment Env(Hashtable variables, params (string Name, string? Value)[] changes)
    {
        var copy = new Hashtable(variables);
        foreach (var (name, value) in changes)
        {
            if (value == null) copy.Remove(name);
            else copy[name] = value;
        }
        return new CiEnvironment(copy);
    }

    /// <summary>A step of a YAML build job (the pipeline's repository on GitHub), as the agent sets it up.</summary>
    static Hashtable AzureBuildJob() => new()
    {
        ["TF_BUILD"] = "True",
        ["SYSTEM_HOSTTYPE"] = "build",
        ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/contoso/",
        ["SYSTEM_TEAMFOUNDATIONCOLLECTIONURI"] = "https://dev.azure.com/contoso/",
        ["SYSTEM_TEAMPROJECT"] = "Web Shop",
        ["SYSTEM_JOBID"] = JobId,
        ["SYSTEM_JOBNAME"] = "__default",
        ["BUILD_BUILDID"] = "1234",
        ["BUILD_BUILDNUMBER"] = "20250101.1",
        ["BUILD_REPOSITORY_PROVIDER"] = "GitHub",
        ["BUILD_REPOSITORY_NAME"] = "contoso/web",
        ["BUILD_SOURCEVERSION"] = Sha,
        ["BUILD_SOURCEBRANCH"] = "refs/heads/main",
        ["AGENT_JOBSTATUS"] = "Succeeded",
        ["AGENT_JOBNAME"] = "Job",
    };

    /// <summary>A step of a YAML deployment job (runOnce) targeting the environment staging.</summary>
    static Hashtable AzureDeploymentJob()
    {
        var v = AzureBuildJob();
        v["ENVIRONMENT_NAME"] = "staging";
        v["ENVIRONMENT_ID"] = "10";
        v["AGENT_JOBNAME"] = "DeployStaging";
        return v;
    }

    /// <summary>
    /// A step of a classic release's stage Dev: the Build.* variables are the primary artifact's build (231), not this job.
    /// The release page's shape is the one the release variables page shows.
    /// </summary>
    static Hashtable AzureClassicRelease() => new()
    {
        ["TF_BUILD"] = "True",
        ["SYSTEM_HOSTTYPE"] = "release",
        ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/contoso/",
        ["SYSTEM_TEAMPROJECT"] = "Web Shop",
        ["SYSTEM_JOBID"] = JobId,
        ["RELEASE_RELEASEID"] = "118",
        ["RELEASE_RELEASENAME"] = "Release-47",
        ["RELEASE_ENVIRONMENTNAME"] = "Dev",
        ["RELEASE_ENVIRONMENTID"] = "276",
        ["RELEASE_RELEASEWEBURL"] = "https://dev.azure.com/contoso/f3325c6c/_release?releaseId=118&_a=release-summary",
        ["BUILD_BUILDID"] = "231",
        ["BUILD_SOURCEVERSION"] = Sha,
        ["BUILD_REPOSITORY_PROVIDER"] = "GitHub",
        ["BUILD_REPOSITORY_NAME"] = "contoso/web",
        ["AGENT_JOBSTATUS"] = "Succeeded",
    };

    /// <summary>A step of a GitHub Actions job with the YAML id deploy.</summary>
    static Hashtable ActionsJob() => new()
    {
        ["CI"] = "true",
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_API_URL"] = "https://api.github.com",
        ["GITHUB_REPOSITORY"] = "octo-org/hello-world",
        ["GITHUB_SHA"] = Sha,
        ["GITHUB_REF"] = "refs/heads/main",
        ["GITHUB_RUN_ID"] = "1658821493",
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["GITHUB_RUN_NUMBER"] = "3",
        ["GITHUB_JOB"] = "deploy",
        ["GITHUB_WORKFLOW"] = "Deploy",
    };

    /// <summary>Every variable of every runner above, but neither TF_BUILD nor GITHUB_ACTIONS: a developer's shell that copied them.</summary>
    static CiEnvironment OutsideCi()
    {
        var all = new Hashtable();
        foreach (var set in new[] { AzureDeploymentJob(), AzureClassicRelease(), ActionsJob() })
            foreach (DictionaryEntry e in set)
                all[e.Key] = e.Value;
        all.Remove("TF_BUILD");
        all.Remove("GITHUB_ACTIONS");
        all[CiDefaults.DeploymentIdVariable] = "3000000001";
        all[CiDefaults.RepositoryVariable] = "octo-org/hello-world";
        all["JOB_CHECK_RUN_ID"] = "51725241954";
        return new CiEnvironment(all);
    }

    public class TheRef
    {
        [Fact]
        public void IsGitHubActionsCommitForTheRunsOwnRepository()
        {
            Assert.Equal((Sha, "GITHUB_SHA"), CiDefaults.Ref(Env(ActionsJob()), "octo-org", "hello-world"));
            Assert.Equal((Sha, "GITHUB_SHA"), CiDefaults.Ref(Env(ActionsJob()), "Octo-Org", "Hello-World"));
        }

        [Fact]
        public void IsAzurePipelinesSourceVersionWhenTheRepositoryIsOnGitHub()
        {
            Assert.Equal((Sha, "BUILD_SOURCEVERSION"), CiDefaults.Ref(Env(AzureBuildJob()), "contoso", "web"));
            Assert.Equal((Sha, "BUILD_SOURCEVERSION"), CiDefaults.Ref(Env(AzureBuildJob(), ("BUILD_REPOSITORY_PROVIDER", "GitHubEnterprise")), "contoso", "web"));
            Assert.Equal((Sha, "BUILD_SOURCEVERSION"), CiDefaults.Ref(Env(AzureDeploymentJob()), "contoso", "web"));
        }

        [Fact]
        public void IsTheArtifactsCommitInAClassicRelease() =>
            Assert.Equal((Sha, "BUILD_SOURCEVERSION"), CiDefaults.Ref(Env(AzureClassicRelease()), "contoso", "web"));

        [Fact]
        public void IsNothingForAnotherRepository()
        {
            Assert.Null(CiDefaults.Ref(Env(ActionsJob()), "octo-org", "other"));
            Assert.Null(CiDefaults.Ref(Env(ActionsJob()), "other-org", "hello-world"));
            Assert.Null(CiDefaults.Ref(Env(AzureBuildJob()), "contoso", "api"));
        }

        [Theory]
        [InlineData("TfsGit", Sha)]                  // Azure Repos: its commit is not in any GitHub repository
        [InlineData("Git", Sha)]                     // an external Git server
        [InlineData("TfsVersionControl", "4711")]    // a TFVC changeset
        [InlineData("GitHub", "4711")]               // not a commit SHA
        [InlineData("GitHub", Sha + "0")]
        public void IsNothingUnlessTheRunBuildsAGitHubCommit(string provider, string version) =>
            Assert.Null(CiDefaults.Ref(Env(AzureBuildJob(), ("BUILD_REPOSITORY_PROVIDER", provider), ("BUILD_SOURCEVERSION", version)), "contoso", "web"));

        [Fact]
        public void TakesASha256Commit()
        {
            var sha256 = new string('a', 64);
            Assert.Equal((sha256, "GITHUB_SHA"), CiDefaults.Ref(Env(ActionsJob(), ("GITHUB_SHA", sha256)), "octo-org", "hello-world"));
        }

        [Fact]
        public void IsNothingOutsideCi()
        {
            Assert.Null(CiDefaults.Ref(OutsideCi(), "octo-org", "hello-world"));
            Assert.Null(CiDefaults.Ref(OutsideCi(), "contoso", "web"));
        }
    }

    public class TheEnvironment
    {
        [Fact]
        public void IsTheDeploymentJobsEnvironment() =>
            Assert.Equal(("staging", "ENVIRONMENT_NAME"), CiDefaults.Environment(Env(AzureDeploymentJob())));

        [Fact]
        public void IsTheClassicReleaseStage() =>
            Assert.Equal(("Dev", "RELEASE_ENVIRONMENTNAME"), CiDefaults.Environment(Env(AzureClassicRelease())));

        [Fact]
        public void IsNothingInAPlainJob() => Assert.Null(CiDefaults.Environment(Env(AzureBuildJob())));

        [Fact]
        public void IsNotAReleaseStageOutsideARelease() =>
            Assert.Null(CiDefaults.Environment(Env(AzureBuildJob(), ("RELEASE_ENVIRONMENTNAME", "Dev"))));

        [Fact]
        public void IsNothingInGitHubActions() =>
            Assert.Null(CiDefaults.Environment(Env(ActionsJob(), ("ENVIRONMENT_NAME", "staging"))));

        [Fact]
        public void IsNothingWithAControlCharacter() =>
            Assert.Null(CiDefaults.Environment(Env(AzureDeploymentJob(), ("ENVIRONMENT_NAME", "stag\u0007ing"))));

        [Fact]
        public void IsNothingOutsideCi() => Assert.Null(CiDefaults.Environment(OutsideCi()));
    }

    public class TheLogUrl
    {
        [Fact]
        public void IsTheAzurePipelinesJobsLog() =>
            Assert.Equal("https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234&view=logs&j=" + JobId,
                CiDefaults.LogUrl(Env(AzureDeploymentJob()))!.AbsoluteUri);

        [Theory]
        [InlineData(null)]
        [InlineData("not-a-guid")]
        [InlineData("12f1170f-54f2-53f3-20dd-22fc7dff55f9&t=x")]
        public void IsTheBuildsPageWithoutAJobId(string? jobId) =>
            Assert.Equal("https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234",
                CiDefaults.LogUrl(Env(AzureBuildJob(), ("SYSTEM_JOBID", jobId)))!.AbsoluteUri);

        [Fact]
        public void IsTheReleasePageInAClassicReleaseNeverTheArtifactsBuild()
        {
            var url = CiDefaults.LogUrl(Env(AzureClassicRelease()))!;
            Assert.Equal("https://dev.azure.com/contoso/f3325c6c/_release?releaseId=118&_a=release-summary", url.AbsoluteUri);
            Assert.Null(CiDefaults.LogUrl(Env(AzureClassicRelease(), ("RELEASE_RELEASEWEBURL", null))));
            Assert.Null(CiDefaults.LogUrl(Env(AzureClassicRelease(), ("RELEASE_RELEASEWEBURL", "vstfs:///ReleaseManagement/Release/118"))));
        }

        [Fact]
        public void KnowsAReleaseByItsIdWhenTheHostTypeIsMissing()
        {
            var url = CiDefaults.LogUrl(Env(AzureClassicRelease(), ("SYSTEM_HOSTTYPE", null)))!;
            Assert.Contains("_release?releaseId=118", url.AbsoluteUri);
        }

        [Fact]
        public void IsTheGitHubActionsRun_NeverMadeFromTheJobsYamlId()
        {
            Assert.Equal("https://github.com/octo-org/hello-world/actions/runs/1658821493", CiDefaults.LogUrl(Env(ActionsJob()))!.AbsoluteUri);
            Assert.DoesNotContain("deploy", CiDefaults.LogUrl(Env(ActionsJob()))!.AbsoluteUri);
        }

        [Fact]
        public void IsTheGitHubActionsJobsPageWhenTheStepMapsItsCheckRunId()
        {
            Assert.Equal("https://github.com/octo-org/hello-world/actions/runs/1658821493/job/51725241954",
                CiDefaults.LogUrl(Env(ActionsJob(), ("JOB_CHECK_RUN_ID", "51725241954")))!.AbsoluteUri);
            Assert.Equal("https://github.com/octo-org/hello-world/actions/runs/1658821493",
                CiDefaults.LogUrl(Env(ActionsJob(), ("JOB_CHECK_RUN_ID", "deploy")))!.AbsoluteUri);
        }

        [Fact]
        public void IsNothingWithoutTheVariablesItNeeds()
        {
            Assert.Null(CiDefaults.LogUrl(Env(ActionsJob(), ("GITHUB_RUN_ID", null))));
            Assert.Null(CiDefaults.LogUrl(Env(ActionsJob(), ("GITHUB_RUN_ID", "1/../../evil"))));
            Assert.Null(CiDefaults.LogUrl(Env(AzureBuildJob(), ("BUILD_BUILDID", null))));
        }

        [Fact]
        public void IsNothingOutsideCi() => Assert.Null(CiDefaults.LogUrl(OutsideCi()));
    }

    public class TheHandedOnDeployment
    {
        [Fact]
        public void IsWhatAnEarlierStepSetUnderEitherCi()
        {
            foreach (var runner in new[] { AzureDeploymentJob(), ActionsJob() })
            {
                var handed = CiDefaults.HandedOn(Env(runner, (CiDefaults.DeploymentIdVariable, "3000000001"), (CiDefaults.RepositoryVariable, "octo-org/hello-world")))!;
                Assert.Equal(3000000001, handed.Id);
                Assert.Equal("octo-org", handed.Owner);
                Assert.Equal("hello-world", handed.Repository);
            }
        }

        [Fact]
        public void HasNoRepositoryWhenNoneWasHandedOn()
        {
            var handed = CiDefaults.HandedOn(Env(ActionsJob(), (CiDefaults.DeploymentIdVariable, "42")))!;
            Assert.Equal(42, handed.Id);
            Assert.Null(handed.Owner);
        }

        [Theory]
        [InlineData("0")]
        [InlineData("-1")]
        [InlineData("abc")]
        [InlineData("99999999999999999999")]
        public void IsNothingForAValueThatIsNoId(string value) =>
            Assert.Null(CiDefaults.HandedOn(Env(ActionsJob(), (CiDefaults.DeploymentIdVariable, value))));

        [Fact]
        public void IsNothingWhenNoneWasHandedOn() => Assert.Null(CiDefaults.HandedOn(Env(AzureDeploymentJob())));

        [Fact]
        public void IsNothingOutsideCi() => Assert.Null(CiDefaults.HandedOn(OutsideCi()));
    }

    public class TheJobStatus
    {
        [Fact]
        public void IsAzurePipelinesAgentJobStatus() =>
            Assert.Equal("Failed", CiDefaults.JobStatus(Env(AzureDeploymentJob(), ("AGENT_JOBSTATUS", "Failed"))));

        [Fact]
        public void IsNothingInGitHubActionsOrOutsideCi()
        {
            Assert.Null(CiDefaults.JobStatus(Env(ActionsJob(), ("AGENT_JOBSTATUS", "Failed"))));
            Assert.Null(CiDefaults.JobStatus(OutsideCi()));
        }

        [Theory]
        [InlineData("Succeeded", "success", "The job succeeded")]
        [InlineData("SucceededWithIssues", "success", "The job succeeded with issues")]
        [InlineData("Failed", "failure", "The job failed")]
        [InlineData("Canceled", "error", "cancelled")]
        [InlineData("success", "success", "The job succeeded")]
        [InlineData("failure", "failure", "The job failed")]
        [InlineData("cancelled", "error", "cancelled")]
        [InlineData("FAILED", "failure", "The job failed")]
        [InlineData("Cancelled", "error", "cancelled")]
        public void MapsEachRunnersWordToAState(string jobStatus, string state, string description)
        {
            var outcome = CiJobStatus.From(jobStatus)!;
            Assert.Equal(state, outcome.State);
            Assert.Equal(description, outcome.Description);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Skipped")]
        [InlineData("InProgress")]
        [InlineData("succeeded with issues")]
        public void MapsNothingElse(string? jobStatus) => Assert.Null(CiJobStatus.From(jobStatus));
    }

    public class TheClassicRelease
    {
        [Theory]
        [InlineData("release", true)]
        [InlineData("deployment", true)]
        [InlineData("build", false)]
        public void IsKnownByTheHostType(string hostType, bool release) =>
            Assert.Equal(release, Env(AzureClassicRelease(), ("SYSTEM_HOSTTYPE", hostType)).IsClassicRelease);

        [Fact]
        public void IsNeverAGitHubActionsJobOrOutsideCi()
        {
            Assert.False(Env(ActionsJob(), ("SYSTEM_HOSTTYPE", "release")).IsClassicRelease);
            Assert.False(OutsideCi().IsClassicRelease);
        }
    }
}
