using System.Text.Json.Nodes;

namespace GitHubEmulator.State;

/// <summary>Users and teams (for reviewers), environments seeded with their protection rules, and workflow runs waiting on them.</summary>
public sealed partial class EmulatorState
{
    /// <summary>Workflow run ids start here (GitHub's are well past 2^31 too).</summary>
    public const long FirstRunId = 9_000_000_001;

    private readonly Dictionary<string, TeamRecord> teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RunRecord> runs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a user (or finds the one of that login); returns its id.</summary>
    public long AddUser(string login)
    {
        lock (Gate)
        {
            return User(login).Id;
        }
    }

    /// <summary>Creates or replaces a team; its members are users (created when new). Returns its id.</summary>
    public long AddTeam(TeamSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Organization) || string.IsNullOrEmpty(spec.Slug))
        {
            throw new ArgumentException("A team needs an organization and a slug.", nameof(spec));
        }
        lock (Gate)
        {
            var key = $"{spec.Organization}/{spec.Slug}";
            var id = teams.TryGetValue(key, out var old) ? old.Id : nextTeamId++;
            var team = new TeamRecord(User(spec.Organization), spec.Slug, spec.Name ?? spec.Slug, id, Now);
            foreach (var member in spec.Members)
            {
                team.Members.Add(User(member).Login);
            }
            teams[key] = team;
            return id;
        }
    }

    /// <summary>Creates (or overwrites the settings of) an environment, without requests; returns its id.</summary>
    public long AddEnvironment(string owner, string repo, EnvironmentSpec spec)
    {
        var mode = spec.BranchPolicy switch
        {
            "all" => BranchPolicyMode.All,
            "protected" => BranchPolicyMode.ProtectedBranches,
            "custom" => BranchPolicyMode.CustomBranches,
            _ => throw new ArgumentException($"'branchPolicy' must be all, protected or custom, not '{spec.BranchPolicy}'.", nameof(spec)),
        };
        lock (Gate)
        {
            var repository = Repository(owner, repo);
            var reviewers = spec.Reviewers.Select(r => ResolveReviewer(r) ?? throw new ArgumentException($"No user or team '{r}'.", nameof(spec))).ToList();
            var environment = repository.Environments.GetValueOrDefault(spec.Name) ?? CreateEnvironment(repository, spec.Name);
            environment.WaitTimer = spec.WaitTimer;
            environment.PreventSelfReview = spec.PreventSelfReview;
            environment.Reviewers.Clear();
            environment.Reviewers.AddRange(reviewers);
            environment.BranchPolicy = mode;
            environment.CanAdminsBypass = spec.CanAdminsBypass;
            environment.BranchPolicies.Clear();
            foreach (var pattern in spec.Policies)
            {
                var tag = pattern.StartsWith("tag:", StringComparison.Ordinal);
                AddBranchPolicy(environment, tag ? pattern[4..] : pattern, tag ? "tag" : "branch");
            }
            return environment.Id;
        }
    }

    /// <summary>
    /// Creates a workflow run waiting on environments: each gets a deployment of the run's ref (created by the actor) and
    /// a gate that waits for its reviewers (if any) and the listed apps' custom protection rules. Returns the run's id.
    /// </summary>
    public long AddRun(string owner, string repo, RunSpec spec)
    {
        lock (Gate)
        {
            var repository = Repository(owner, repo);
            var actor = User(spec.Actor);
            var run = new RunRecord(spec.Id ?? nextRunId++, actor);
            foreach (var gate in spec.Environments)
            {
                var environment = repository.Environments.GetValueOrDefault(gate.Name) ?? CreateEnvironment(repository, gate.Name);
                var deployment = new DeploymentRecord
                {
                    Id = NextDeploymentId(),
                    Sha = repository.ResolveRef(spec.Ref).Sha,
                    Ref = spec.Ref,
                    Task = "deploy",
                    Payload = new JsonObject(),
                    OriginalEnvironment = environment.Name,
                    Environment = environment.Name,
                    Description = "",
                    Creator = actor,
                    TransientEnvironment = false,
                    ProductionEnvironment = environment.Name == "production",
                    CreatedAt = Now,
                    UpdatedAt = Now,
                };
                AddDeployment(repository, deployment);
                var record = new GateRecord(environment, deployment, Now) { ReviewState = environment.Reviewers.Count > 0 ? "waiting" : "approved" };
                foreach (var app in gate.Apps)
                {
                    record.Rules[app] = "waiting";
                }
                run.Gates.Add(record);
            }
            runs[RunKey(repository, run.Id)] = run;
            return run.Id;
        }
    }

    internal TeamRecord? FindTeam(string organization, string slug) => teams.GetValueOrDefault($"{organization}/{slug}");

    internal TeamRecord? FindTeam(long id) => teams.Values.FirstOrDefault(t => t.Id == id);

    internal RunRecord? FindRun(RepositoryRecord repository, long id) => runs.GetValueOrDefault(RunKey(repository, id));

    internal BranchPolicyRecord AddBranchPolicy(EnvironmentRecord environment, string name, string type)
    {
        var policy = new BranchPolicyRecord(nextPolicyId++, name, type);
        environment.BranchPolicies.Add(policy);
        return policy;
    }

    /// <summary>
    /// Deletes an environment with its protection rules and its deployments (GitHub's environment page goes with them).
    /// </summary>
    internal void DeleteEnvironment(RepositoryRecord repository, EnvironmentRecord environment)
    {
        repository.Environments.Remove(environment.Name);
        foreach (var deployment in repository.Deployments.Where(d => string.Equals(d.Environment, environment.Name, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            RemoveDeployment(repository, deployment);
        }
    }

    /// <summary>Whether <paramref name="user"/> is one of the environment's required reviewers (as a user, or a member of a team).</summary>
    internal bool IsReviewer(EnvironmentRecord environment, UserRecord user) =>
        environment.Reviewers.Any(r => r.Type == "User" ? r.Id == user.Id : FindTeam(r.Id)?.Members.Contains(user.Login) == true);

    /// <summary>A login, or ORG/TEAM-SLUG, as a reviewer; null when there is no such user or team.</summary>
    private ReviewerRef? ResolveReviewer(string reviewer)
    {
        var slash = reviewer.IndexOf('/');
        if (slash < 0)
        {
            return FindUser(reviewer) is { } user ? new ReviewerRef("User", user.Id) : null;
        }
        return FindTeam(reviewer[..slash], reviewer[(slash + 1)..]) is { } team ? new ReviewerRef("Team", team.Id) : null;
    }

    private static string RunKey(RepositoryRecord repository, long id) => $"{repository.FullName}#{id}";
}
