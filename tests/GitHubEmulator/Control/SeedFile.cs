using System.Text.Json.Nodes;
using GitHubEmulator.State;

namespace GitHubEmulator.Control;

/// <summary>
/// A whole starting state in one JSON object (<c>--seed FILE</c>, <c>POST /_emulator/seed</c>): each item is the body of
/// its control route, repositories carrying their environments, deployments and runs.
/// <code>
/// { "users": [ … ], "teams": [ … ],
///   "repos": [ { "owner", "name", "refs", "environments": [ … ], "deployments": [ … ], "runs": [ … ] } ],
///   "tokens": [ … ], "apps": [ … ], "settings": { … } }
/// </code>
/// </summary>
internal static class SeedFile
{
    private static readonly string[] Sections = ["users", "teams", "repos", "tokens", "apps", "settings"];
    private static readonly string[] RepoKeys = ["owner", "name", "refs", "environments", "deployments", "runs"];

    /// <summary>Applies <paramref name="seed"/> in dependency order; a mistake is a <see cref="ControlInputException"/> saying where.</summary>
    public static void Apply(EmulatorState state, JsonObject seed)
    {
        Only(seed, Sections, "the seed");
        Each(seed, "users", "users", (user, _) => state.AddUser(ControlInput.RequiredString(user, "login")));
        Each(seed, "teams", "teams", (team, _) => state.AddTeam(EnvironmentControlRoutes.Team(team)));
        Each(seed, "repos", "repos", (repo, where) =>
        {
            Only(repo, RepoKeys, where);
            ControlRoutes.AddRepository(state, repo);
            var (owner, name) = (ControlInput.RequiredString(repo, "owner"), ControlInput.RequiredString(repo, "name"));
            Each(repo, "environments", $"{where}.environments", (e, _) => state.AddEnvironment(owner, name, EnvironmentControlRoutes.Environment(e)));
            Each(repo, "deployments", $"{where}.deployments", (d, _) => state.SeedDeployments(owner, name, ControlRoutes.Seed(d)));
            Each(repo, "runs", $"{where}.runs", (r, _) => state.AddRun(owner, name, EnvironmentControlRoutes.Run(r)));
        });
        Each(seed, "tokens", "tokens", (token, _) => ControlRoutes.AddToken(state, token));
        Each(seed, "apps", "apps", (app, _) => state.AddApp(ControlRoutes.App(app)));
        if (ControlInput.Object(seed, "settings") is { } settings)
        {
            In("settings", () => ControlRoutes.ApplySettings(state, settings));
        }
    }

    private static void Each(JsonObject parent, string name, string where, Action<JsonObject, string> apply)
    {
        var items = ControlInput.Array(parent, name) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{where}[{i}]";
            var item = items[i] as JsonObject ?? throw new ControlInputException($"{at} must be an object.");
            In(at, () => apply(item, at));
        }
    }

    private static void In(string where, Action apply)
    {
        try
        {
            apply();
        }
        catch (Exception e) when (e is ControlInputException or ArgumentException && !e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            var message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            throw new ControlInputException($"{where}: {message}");
        }
    }

    private static void Only(JsonObject item, string[] keys, string where)
    {
        if (item.Select(p => p.Key).FirstOrDefault(k => !keys.Contains(k)) is { } unknown)
        {
            throw new ControlInputException($"{where} has '{unknown}'; it takes {string.Join(", ", keys)}.");
        }
    }
}
