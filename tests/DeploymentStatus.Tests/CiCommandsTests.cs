using System.Collections;
using System.Text;
using DeploymentStatus.Pipelines;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>The CI workflow commands (<see cref="CiCommands"/>): masking and output variables, exactly as the runners read them.</summary>
public class CiCommandsTests
{
    static CiEnvironment Env(params (string Name, string Value)[] values)
    {
        var env = new Hashtable();
        foreach (var (name, value) in values) env[name] = value;
        return new CiEnvironment(env);
    }

    static readonly CiEnvironment azure = Env(("TF_BUILD", "True"));
    static readonly CiEnvironment actions = Env(("GITHUB_ACTIONS", "true"));

    public class TheDetection
    {
        [Fact]
        public void KnowsEachCi()
        {
            Assert.Equal(CiKind.AzurePipelines, azure.Kind);
            Assert.Equal(CiKind.AzurePipelines, Env(("TF_BUILD", "true")).Kind);
            Assert.Equal(CiKind.GitHubActions, actions.Kind);
            Assert.Equal(CiKind.GitHubActions, Env(("GITHUB_ACTIONS", "true"), ("TF_BUILD", "True")).Kind);
            Assert.Equal(CiKind.None, Env().Kind);
            Assert.Equal(CiKind.None, Env(("TF_BUILD", "False"), ("GITHUB_ACTIONS", "false")).Kind);
            Assert.Equal(CiKind.None, Env(("CI", "true")).Kind);
        }
    }

    public class Masking
    {
        const string Token = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

        [Fact]
        public void WritesTheRunnersCommandAndFlushes()
        {
            var gh = new FlushCountingWriter();
            var az = new FlushCountingWriter();
            Assert.Equal(CiKind.GitHubActions, CiCommands.MaskSecret(Token, actions, gh));
            Assert.Equal(CiKind.AzurePipelines, CiCommands.MaskSecret(Token, azure, az));
            Assert.Equal("::add-mask::" + Token + "\n", gh.ToString());
            Assert.Equal("##vso[task.setsecret]" + Token + "\n", az.ToString());
            Assert.True(gh.FlushedAfterWrite && az.FlushedAfterWrite, "flushed, so the runner has it before anything else is printed");
        }

        [Fact]
        public void WritesNothingOutsideCi()
        {
            var writer = new StringWriter();
            Assert.Equal(CiKind.None, CiCommands.MaskSecret(Token, Env(), writer));
            Assert.Equal("", writer.ToString());
        }

        [Fact]
        public void EscapesAsTheRunnersToolkitsDo()
        {
            Assert.Equal("::add-mask::a%25b%0Dc%0Ad", CiCommands.MaskCommand(CiKind.GitHubActions, "a%b\rc\nd"));
            Assert.Equal("##vso[task.setsecret]a%AZP25b%0Dc%0Ad", CiCommands.MaskCommand(CiKind.AzurePipelines, "a%b\rc\nd"));
            Assert.Null(CiCommands.MaskCommand(CiKind.None, Token));
        }

        sealed class FlushCountingWriter : StringWriter
        {
            bool dirty;
            public bool FlushedAfterWrite { get; private set; }
            public override void Write(string? value) { base.Write(value); dirty = true; FlushedAfterWrite = false; }
            public override void Write(char value) { base.Write(value); dirty = true; FlushedAfterWrite = false; }
            public override void Flush() { base.Flush(); if (dirty) FlushedAfterWrite = true; }
        }
    }

    public class Outputs
    {
        [Theory]
        [InlineData("deployment_id", true)]
        [InlineData("deployment-id", true)]
        [InlineData("ID2", true)]
        [InlineData("_", true)]
        [InlineData("", false)]
        [InlineData("a b", false)]
        [InlineData("a;isOutput=false", false)]
        [InlineData("a]b", false)]
        [InlineData("a.b", false)]
        [InlineData("a=b", false)]
        [InlineData("a\n", false)]
        [InlineData("déploiement", false)]
        public void AcceptLettersDigitsUnderscoreAndHyphenOnly(string name, bool valid)
        {
            Assert.Equal(valid, CiCommands.IsValidOutputName(name));
            if (!valid) Assert.Throws<ArgumentException>(() => CiCommands.SetOutput(name, "1", azure, new StringWriter()));
        }

        [Fact]
        public void UnderAzurePipelinesAnOutputVariableIsSetOnStandardOutput()
        {
            var stdout = new StringWriter();
            var result = CiCommands.SetOutput("deployment_id", "3000000001", azure, stdout);
            Assert.True(result.Set);
            Assert.Equal("##vso[task.setvariable variable=deployment_id;isOutput=true]3000000001\n", stdout.ToString());
            Assert.DoesNotContain("##vso", result.Message);
        }

        [Fact]
        public void UnderGitHubActionsALineIsAppendedToGitHubOutput_CreatedWhenMissing()
        {
            var dir = Directory.CreateTempSubdirectory("ds-ci-");
            try
            {
                var file = Path.Combine(dir.FullName, "output");
                var env = Env(("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", file));
                var stdout = new StringWriter();

                Assert.True(CiCommands.SetOutput("deployment_id", "3000000001", env, stdout).Set);
                Assert.True(CiCommands.SetOutput("other", "3000000002", env, stdout).Set);

                Assert.Equal("deployment_id=3000000001\nother=3000000002\n", File.ReadAllText(file));
                Assert.Equal("deployment_id=3000000001\n"u8.ToArray(), File.ReadAllBytes(file)[..25]);  // no byte-order mark
                Assert.Equal("", stdout.ToString());
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void AnExistingFileKeepsItsLines_AndALastLineWithoutItsBreakGetsOne()
        {
            var dir = Directory.CreateTempSubdirectory("ds-ci-");
            try
            {
                var file = Path.Combine(dir.FullName, "output");
                File.WriteAllText(file, "earlier=1", new UTF8Encoding(false));
                CiCommands.SetOutput("deployment_id", "42", Env(("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", file)), new StringWriter());
                Assert.Equal("earlier=1\ndeployment_id=42\n", File.ReadAllText(file));
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void NothingIsSetOutsideCiOrWithoutGitHubOutput_AndTheResultSaysSo()
        {
            var stdout = new StringWriter();
            var outside = CiCommands.SetOutput("deployment_id", "42", Env(), stdout);
            Assert.False(outside.Set);
            Assert.Null(outside.Failure);
            Assert.Contains("no CI output deployment_id was set", outside.Message);
            Assert.Contains("42", outside.Message);

            var noFile = CiCommands.SetOutput("deployment_id", "42", actions, stdout);
            Assert.False(noFile.Set);
            Assert.Contains("GITHUB_OUTPUT is not set", noFile.Message);
            Assert.Equal("", stdout.ToString());
        }

        [Fact]
        public void AFileThatCannotBeWrittenIsAFailureNotAnException()
        {
            var dir = Directory.CreateTempSubdirectory("ds-ci-");
            try
            {
                var result = CiCommands.SetOutput("deployment_id", "42", Env(("GITHUB_ACTIONS", "true"), ("GITHUB_OUTPUT", dir.FullName)), new StringWriter());
                Assert.False(result.Set);
                Assert.NotNull(result.Failure);
                Assert.Contains(dir.FullName, result.Message);
            }
            finally { dir.Delete(true); }
        }
    }

    public class JobVariables
    {
        [Fact]
        public void UnderAzurePipelinesAJobScopedVariableIsSet_NotAnOutput()
        {
            var stdout = new StringWriter();
            Assert.True(CiCommands.SetJobVariable("DEPLOYMENTSTATUS_DEPLOYMENT_ID", "3000000001", azure, stdout).Set);
            Assert.Equal("##vso[task.setvariable variable=DEPLOYMENTSTATUS_DEPLOYMENT_ID]3000000001\n", stdout.ToString());
        }

        [Fact]
        public void UnderGitHubActionsALineIsAppendedToGitHubEnv()
        {
            var dir = Directory.CreateTempSubdirectory("ds-ci-");
            try
            {
                var env = Path.Combine(dir.FullName, "env");
                var output = Path.Combine(dir.FullName, "output");
                var ci = Env(("GITHUB_ACTIONS", "true"), ("GITHUB_ENV", env), ("GITHUB_OUTPUT", output));
                Assert.True(CiCommands.SetJobVariable("DEPLOYMENTSTATUS_DEPLOYMENT_ID", "42", ci, new StringWriter()).Set);
                Assert.True(CiCommands.SetJobVariable("DEPLOYMENTSTATUS_REPOSITORY", "octo-org/hello-world", ci, new StringWriter()).Set);
                Assert.Equal("DEPLOYMENTSTATUS_DEPLOYMENT_ID=42\nDEPLOYMENTSTATUS_REPOSITORY=octo-org/hello-world\n", File.ReadAllText(env));
                Assert.False(File.Exists(output));
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void NothingIsSetOutsideCiOrWithoutGitHubEnv()
        {
            Assert.False(CiCommands.SetJobVariable("X", "1", Env(), new StringWriter()).Set);
            var noFile = CiCommands.SetJobVariable("X", "1", actions, new StringWriter());
            Assert.False(noFile.Set);
            Assert.Contains("GITHUB_ENV is not set", noFile.Message);
        }
    }

    public class LogGroupsAndIssues
    {
        [Fact]
        public void AreEachRunnersOwnCommands()
        {
            Assert.Equal("##[group]Deploy main to staging", CiCommands.GroupStartCommand(CiKind.AzurePipelines, "Deploy main to staging"));
            Assert.Equal("##[endgroup]", CiCommands.GroupEndCommand(CiKind.AzurePipelines));
            Assert.Equal("::group::Deploy main to staging", CiCommands.GroupStartCommand(CiKind.GitHubActions, "Deploy main to staging"));
            Assert.Equal("::endgroup::", CiCommands.GroupEndCommand(CiKind.GitHubActions));
            Assert.Equal("##vso[task.logissue type=error]Deployment 42 failed", CiCommands.IssueCommand(CiKind.AzurePipelines, CiIssue.Error, "Deployment 42 failed"));
            Assert.Equal("##vso[task.logissue type=warning]Deployment 42 was cancelled.", CiCommands.IssueCommand(CiKind.AzurePipelines, CiIssue.Warning, "Deployment 42 was cancelled."));
            Assert.Equal("::error::Deployment 42 failed", CiCommands.IssueCommand(CiKind.GitHubActions, CiIssue.Error, "Deployment 42 failed"));
            Assert.Equal("::warning::Deployment 42 was cancelled.", CiCommands.IssueCommand(CiKind.GitHubActions, CiIssue.Warning, "Deployment 42 was cancelled."));
        }

        [Fact]
        public void AreNothingOutsideCi()
        {
            Assert.Null(CiCommands.GroupStartCommand(CiKind.None, "x"));
            Assert.Null(CiCommands.GroupEndCommand(CiKind.None));
            Assert.Null(CiCommands.IssueCommand(CiKind.None, CiIssue.Error, "x"));
            var stdout = new StringWriter();
            var log = new CiLog(Env(), stdout);
            using (log.Group("Deploy")) log.Error("failed");
            Assert.Equal("", stdout.ToString());
        }

        [Fact]
        public void MessagesStayOneCommandLine()
        {
            Assert.Equal("::error::line 1%0Aline 2 100%25", CiCommands.IssueCommand(CiKind.GitHubActions, CiIssue.Error, "line 1\nline 2 100%"));
            Assert.Equal("##vso[task.logissue type=error]line 1%0Aline 2 100%AZP25", CiCommands.IssueCommand(CiKind.AzurePipelines, CiIssue.Error, "line 1\nline 2 100%"));
        }

        [Fact]
        public void ATitleIsOneLineAndNeverAnAzureCommand()
        {
            Assert.Equal("##[group]Deploy main to a b", CiCommands.GroupStartCommand(CiKind.AzurePipelines, "Deploy main to a\r\nb"));
            var title = CiCommands.GroupStartCommand(CiKind.AzurePipelines, "Deploy to ##vso[task.setvariable variable=x]y ###")!;
            Assert.Equal("##[group]Deploy to # #vso[task.setvariable variable=x]y # # #", title);
            Assert.DoesNotContain("##vso[", title);
            Assert.Equal("::group::a b 100%25", CiCommands.GroupStartCommand(CiKind.GitHubActions, "a\nb 100%"));
        }

        [Fact]
        public void AGroupClosesOnceInOrder()
        {
            var stdout = new StringWriter();
            var log = new CiLog(actions, stdout);
            var group = log.Group("Retire");
            log.Error("one failed");
            group.Dispose();
            group.Dispose();
            Assert.Equal("::group::Retire\n::error::one failed\n::endgroup::\n", stdout.ToString());
        }
    }
}
