using System.Text.Json.Nodes;
using DeploymentStatus.GitHub;
using Xunit;

namespace DeploymentStatus.Tests;

public class DeploymentRequestTests
{
    static JsonObject Json(DeploymentRequest request) =>
        JsonNode.Parse(GitHubApi.ToJson(request.ToBody()))!.AsObject();

    public class TheConstructor
    {
        [Theory]
        [InlineData("")]
        [InlineData(null)]
        public void RefusesAMissingRef(string? reference) =>
            Assert.Throws<GhInputException>(() => new DeploymentRequest(reference!));
    }

    public class TheToBodyMethod
    {
        [Fact]
        public void SendsOnlyTheRefWhenNothingElseIsGiven()
        {
            var body = Json(new DeploymentRequest("main"));
            Assert.Equal(["ref"], body.Select(p => p.Key));
            Assert.Equal("main", (string?)body["ref"]);
        }

        [Fact]
        public void SendsEveryFieldUnderGitHubsName()
        {
            var body = Json(new DeploymentRequest("v1.2.0")
            {
                Task = "deploy:migrate",
                Environment = "staging",
                Description = "Release",
                Payload = new Dictionary<string, object?> { ["a"] = 1 },
                TransientEnvironment = true,
                ProductionEnvironment = false,
                AutoMerge = false,
                RequiredContexts = ["ci/build", "ci/lint"],
            });
            Assert.Equal(
                ["auto_merge", "description", "environment", "payload", "production_environment", "ref", "required_contexts", "task", "transient_environment"],
                body.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("deploy:migrate", (string?)body["task"]);
            Assert.Equal("staging", (string?)body["environment"]);
            Assert.Equal("Release", (string?)body["description"]);
            Assert.Equal(1, (int?)body["payload"]!["a"]);
            Assert.True((bool?)body["transient_environment"]);
            Assert.False((bool?)body["production_environment"]);
            Assert.False((bool?)body["auto_merge"]);
            Assert.Equal(["ci/build", "ci/lint"], body["required_contexts"]!.AsArray().Select(c => (string?)c));
        }

        [Fact]
        public void SendsFalseBooleansRatherThanLeavingThemOut()
        {
            var body = Json(new DeploymentRequest("main") { TransientEnvironment = false, ProductionEnvironment = false, AutoMerge = false });
            Assert.False((bool?)body["transient_environment"]);
            Assert.False((bool?)body["production_environment"]);
            Assert.False((bool?)body["auto_merge"]);
        }

        [Fact]
        public void SendsAnEmptyListOfContextsToSkipTheStatusChecks()
        {
            var json = GitHubApi.ToJson(new DeploymentRequest("main") { RequiredContexts = [] }.ToBody());
            Assert.Contains("\"required_contexts\":[]", json);
        }

        [Fact]
        public void LeavesTheContextsOutWhenNoneAreNamed() =>
            Assert.False(Json(new DeploymentRequest("main")).ContainsKey("required_contexts"));

        [Fact]
        public void SendsAStringPayloadAsAString() =>
            Assert.Equal("{\"a\":1}", (string?)Json(new DeploymentRequest("main") { Payload = "{\"a\":1}" })["payload"]);
    }
}

public class DeploymentConflictTests
{
    const string StatusChecksBody = """
        {"message":"Conflict: Commit status checks failed for topic.","errors":[{"contexts":[
        {"context":"ci/build","state":"failure"},{"context":"ci/lint","state":"success"},{"context":"security","state":"pending"}],
        "resource":"Deployment","field":"required_contexts","code":"invalid"}],"documentation_url":"https://docs.github.com/rest","status":"409"}
        """;

    public class TheReadMethod
    {
        [Fact]
        public void TellsAMergeConflict()
        {
            var conflict = DeploymentConflict.Read("Conflict merging main into topic.",
                """{"message":"Conflict merging main into topic.","documentation_url":"https://docs.github.com/rest","status":"409"}""");
            Assert.Equal(DeploymentConflictKind.MergeConflict, conflict.Kind);
            Assert.Empty(conflict.Contexts);
        }

        [Fact]
        public void TellsFailedStatusChecksAndReadsEveryContext()
        {
            var conflict = DeploymentConflict.Read("Conflict: Commit status checks failed for topic.", StatusChecksBody);
            Assert.Equal(DeploymentConflictKind.StatusChecks, conflict.Kind);
            Assert.Equal(
                [new("ci/build", "failure"), new("ci/lint", "success"), new("security", "pending")],
                conflict.Contexts);
            Assert.Equal(["ci/build", "security"], conflict.Failing.Select(c => c.Key));
        }

        [Fact]
        public void TellsStatusChecksByTheFieldEvenWithoutContexts()
        {
            var conflict = DeploymentConflict.Read("Conflict", """{"message":"Conflict","errors":[{"field":"required_contexts","code":"invalid"}]}""");
            Assert.Equal(DeploymentConflictKind.StatusChecks, conflict.Kind);
        }

        [Fact]
        public void NamesEveryContextWhenNoneIsMarkedFailing()
        {
            var conflict = DeploymentConflict.Read("Conflict", """{"errors":[{"contexts":[{"context":"ci/a","state":"success"}]}]}""");
            Assert.Equal(["ci/a"], conflict.Failing.Select(c => c.Key));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not json {")]
        [InlineData("""{"errors":"not a list"}""")]
        public void CopesWithAnyBody(string? body)
        {
            var conflict = DeploymentConflict.Read("Conflict", body);
            Assert.Equal(DeploymentConflictKind.Other, conflict.Kind);
            Assert.Empty(conflict.Contexts);
        }
    }

    public class TheDescribeMethod
    {
        [Fact]
        public void SaysMergeConflictAndQuotesGitHub()
        {
            var text = DeploymentConflict.Read("Conflict merging main into topic.", null).Describe("topic");
            Assert.StartsWith("Merge conflict: ", text);
            Assert.Contains("'topic'", text);
            Assert.Contains("GitHub answered 409: Conflict merging main into topic", text);
            Assert.DoesNotContain("status check", text);
        }

        [Fact]
        public void NamesOnlyTheChecksThatHaveNotPassed()
        {
            var text = DeploymentConflict.Read("Conflict: Commit status checks failed for topic.", StatusChecksBody).Describe("topic");
            Assert.StartsWith("Required status checks have not passed on 'topic': 'ci/build' is failure, 'security' is pending", text);
            Assert.DoesNotContain("ci/lint", text);
            Assert.Contains("GitHub answered 409", text);
        }

        [Fact]
        public void QuotesGitHubForAnyOtherConflict() =>
            Assert.Equal("GitHub answered 409: Something else.", DeploymentConflict.Read("Something else.", null).Describe("topic"));
    }
}
