using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json.Nodes;
using DeploymentStatus.Commands;
using DeploymentStatus.GitHub;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>-Payload as PowerShell hands it over (hashtables, PSCustomObjects, wrapped values) to the JSON GitHub keeps.</summary>
public class PayloadConverterTests
{
    /// <summary>The payload as it reaches the wire: the request body's "payload" member.</summary>
    static JsonNode? Sent(object? payload) =>
        JsonNode.Parse(GitHubApi.ToJson(new DeploymentRequest("main") { Payload = PayloadConverter.ToPayload(payload) }.ToBody()))!["payload"];

    static PSObject Custom(params (string Name, object? Value)[] properties)
    {
        var custom = new PSObject();
        foreach (var (name, value) in properties) custom.Properties.Add(new PSNoteProperty(name, value));
        return custom;
    }

    public class TheToPayloadMethod
    {
        [Fact]
        public void KeepsNestedHashtablesAndArrays()
        {
            var payload = new Hashtable
            {
                ["app"] = new Hashtable { ["name"] = "web", ["ports"] = new object[] { 80, 443 } },
                ["steps"] = new object[] { new Hashtable { ["run"] = "migrate" }, "warm-up", new object[] { 1, 2 } },
            };
            var sent = Sent(payload)!;
            Assert.Equal("web", (string?)sent["app"]!["name"]);
            Assert.Equal([80, 443], sent["app"]!["ports"]!.AsArray().Select(p => (int)p!));
            Assert.Equal("migrate", (string?)sent["steps"]![0]!["run"]);
            Assert.Equal("warm-up", (string?)sent["steps"]![1]);
            Assert.Equal(2, (int)sent["steps"]![2]![1]!);
        }

        [Fact]
        public void KeepsNumbersBooleansAndNullsAsJsonValues()
        {
            var sent = Sent(new OrderedDictionary
            {
                ["int"] = 3,
                ["long"] = 5_000_000_000L,
                ["double"] = 2.5,
                ["decimal"] = 1.25m,
                ["true"] = true,
                ["false"] = false,
                ["null"] = null,
            })!.AsObject();
            Assert.Equal(3, (int)sent["int"]!);
            Assert.Equal(5_000_000_000L, (long)sent["long"]!);
            Assert.Equal(2.5, (double)sent["double"]!);
            Assert.Equal(1.25m, (decimal)sent["decimal"]!);
            Assert.Equal(System.Text.Json.JsonValueKind.True, sent["true"]!.GetValueKind());
            Assert.Equal(System.Text.Json.JsonValueKind.False, sent["false"]!.GetValueKind());
            Assert.True(sent.ContainsKey("null"));
            Assert.Null(sent["null"]);
        }

        [Fact]
        public void KeepsTheKeysAsGiven()
        {
            var sent = Sent(new OrderedDictionary { ["camelCase"] = 1, ["PascalCase"] = 2, ["snake_case"] = 3, ["with space"] = 4 })!.AsObject();
            Assert.Equal(["camelCase", "PascalCase", "snake_case", "with space"], sent.Select(p => p.Key));
        }

        [Fact]
        public void SendsAPSCustomObjectAsAnObject_NestedAndInArraysToo()
        {
            var payload = Custom(
                ("app", Custom(("name", "api"), ("version", Custom(("major", 1))))),
                ("steps", new object[] { Custom(("run", "migrate")), PSObject.AsPSObject(Custom(("run", "smoke"))) }));
            var sent = Sent(payload)!;
            Assert.Equal("api", (string?)sent["app"]!["name"]);
            Assert.Equal(1, (int)sent["app"]!["version"]!["major"]!);
            Assert.Equal("migrate", (string?)sent["steps"]![0]!["run"]);
            Assert.Equal("smoke", (string?)sent["steps"]![1]!["run"]);
        }

        [Fact]
        public void UnwrapsValuesPowerShellWrapped()
        {
            var sent = Sent(PSObject.AsPSObject(new Hashtable { ["n"] = PSObject.AsPSObject(7), ["list"] = PSObject.AsPSObject(new object[] { PSObject.AsPSObject("a") }) }))!;
            Assert.Equal(7, (int)sent["n"]!);
            Assert.Equal("a", (string?)sent["list"]![0]);
        }

        [Fact]
        public void WritesDatesAsUtcIsoText()
        {
            var sent = Sent(new Hashtable { ["at"] = new DateTimeOffset(2024, 5, 6, 9, 8, 7, TimeSpan.FromHours(2)) })!;
            Assert.Equal("2024-05-06T07:08:07Z", (string?)sent["at"]);
        }

        [Fact]
        public void PassesAStringThrough() => Assert.Equal("{\"a\":1}", PayloadConverter.ToPayload("{\"a\":1}"));

        [Fact]
        public void SendsNothingForNull() => Assert.Null(PayloadConverter.ToPayload(null));

        [Theory]
        [MemberData(nameof(NotObjects))]
        public void RefusesATopLevelThatIsNotAnObject(object value)
        {
            var ex = Assert.Throws<GhInputException>(() => PayloadConverter.ToPayload(value));
            Assert.Contains("must be a hashtable, a PSCustomObject or a JSON string", ex.Message);
        }

        public static TheoryData<object> NotObjects() => new() { new object[] { 1, 2 }, 42, true, PSObject.AsPSObject(new object[] { "a" }) };

        [Fact]
        public void RefusesAValueWithoutAJsonForm()
        {
            var ex = Assert.Throws<GhInputException>(() => PayloadConverter.ToPayload(new Hashtable { ["file"] = new FileInfo("x") }));
            Assert.Contains("System.IO.FileInfo", ex.Message);
        }

        [Fact]
        public void RefusesAPayloadNestedTooDeep()
        {
            var root = new Hashtable();
            var current = root;
            for (var i = 0; i < 40; i++)
            {
                var next = new Hashtable();
                current["n"] = next;
                current = next;
            }
            var ex = Assert.Throws<GhInputException>(() => PayloadConverter.ToPayload(root));
            Assert.Contains("nests deeper than", ex.Message);
        }
    }
}
