using System.Net;
using System.Net.Http;
using System.Text;
using DeploymentStatus.Http;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>What the policy handler reads as JSON, and what it refuses as an answer that is not (JsonAnswer).</summary>
public class JsonAnswerTests
{
    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/vnd.github+json", true)]
    [InlineData("application/vnd.github.v3+json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/json", false)]
    [InlineData("text/html", false)]
    [InlineData("application/jsonp", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData(null, false)]
    public void KnowsAJsonMediaType(string? mediaType, bool json) => Assert.Equal(json, JsonAnswer.IsJsonMediaType(mediaType));

    [Theory]
    [InlineData("application/vnd.github+json; charset=utf-8", "{\"id\":1}", "application/json", "utf-8")]
    [InlineData("application/vnd.github.v3+json", "[]", "application/json", null)]
    [InlineData(null, "  {\"id\":1}", "application/json", null)]
    public async Task RelabelsJsonApplicationJsonForOctokit(string? contentType, string body, string expected, string? charset)
    {
        using var response = Answer(HttpStatusCode.OK, contentType, body);
        await JsonAnswer.CheckAsync(response, new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5000/api/v3/repos/o/r/deployments"));
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(charset, response.Content.Headers.ContentType.CharSet);
    }

    [Theory]
    [InlineData("GET", 200, "text/html", "<html><head><title> Sign in\n</title></head></html>", "GET http://proxy.example.com:8080/api/v3/user was answered 200 with text/html (a page titled \"Sign in\") from proxy.example.com:8080, where GitHub answers JSON.")]
    [InlineData("GET", 200, "application/json", "", "GET http://proxy.example.com:8080/api/v3/user was answered 200 with an empty body from proxy.example.com:8080, where GitHub answers JSON.")]
    [InlineData("POST", 201, "application/json", "null", "POST http://proxy.example.com:8080/api/v3/user was answered 201 with a body labelled application/json that is not a JSON object or array from proxy.example.com:8080, where GitHub answers JSON.")]
    [InlineData("GET", 200, null, "OK", "GET http://proxy.example.com:8080/api/v3/user was answered 200 with a body with no Content-Type that is not JSON from proxy.example.com:8080, where GitHub answers JSON.")]
    public async Task RefusesASuccessThatIsNotJson(string method, int status, string? contentType, string body, string expected)
    {
        using var response = Answer((HttpStatusCode)status, contentType, body);
        var ex = await Assert.ThrowsAsync<GhFailureException>(() =>
            JsonAnswer.CheckAsync(response, new HttpRequestMessage(new HttpMethod(method), "http://proxy.example.com:8080/api/v3/user?x=1")));
        Assert.Equal(GhFailureKind.InvalidResponse, ex.Kind);
        Assert.StartsWith(expected + " Something other than GitHub's API answered", ex.Message);
    }

    [Theory]
    [InlineData("DELETE", 204, null, "")]
    [InlineData("DELETE", 200, null, "")]
    [InlineData("GET", 404, "text/html", "<html>not here</html>")]
    [InlineData("POST", 502, "text/html", "<html>bad gateway</html>")]
    [InlineData("POST", 204, null, "")]
    public async Task LeavesAnswersThatNeedNoJsonToTheLayersAbove(string method, int status, string? contentType, string body)
    {
        using var response = Answer((HttpStatusCode)status, contentType, body);
        await JsonAnswer.CheckAsync(response, new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1:5000/x"));
        Assert.Equal(status, (int)response.StatusCode);
    }

    static HttpResponseMessage Answer(HttpStatusCode status, string? contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType != null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(status) { Content = content };
    }
}
