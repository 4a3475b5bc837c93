using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Add-GhDeploymentBranchPolicy: POST …/environments/{name}/deployment-branch-policies, once for each pattern of -Name.
    /// A pattern the environment has already is answered with that policy (GitHub's 303). The environment is -Environment,
    /// or a GhEnvironment from the pipeline (-InputObject: its Name cannot bind to -Environment here, since -Name is the pattern).
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "GhDeploymentBranchPolicy", SupportsShouldProcess = true, DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(GhDeploymentBranchPolicy))]
    public sealed class AddGhDeploymentBranchPolicyCommand : GhRepositoryCmdlet
    {
        const string EnvironmentSet = "Environment";
        const string InputObjectSet = "InputObject";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvironmentSet)]
        [ValidateEnvironmentName]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        // Not mandatory: a mandatory one here would leave PowerShell binding a piped environment to the default set first.
        [Parameter(ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public GhEnvironment? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 3)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateSet("branch", "tag")]
        public string? Type { get; set; }

        string Target => InputObject?.Name ?? Environment;

        protected override void Process()
        {
            var environment = Target;
            if (environment.Length == 0 && !TryItem(null, () => throw new GhInputException("No environment: give -Environment, or pipe one in from Get-GhEnvironment."))) return;
            foreach (var pattern in Name)
                Request(pattern, (repository, t) => BranchPolicyGuard.RunAsync(Api, repository, environment, () => Api.CreateBranchPolicyAsync(repository, environment, pattern, Type, t), t),
                    repository => (GhEnvironmentCmdlet.EnvironmentTarget(repository, environment), "Add the " + (Type ?? "branch") + " pattern '" + pattern + "'"));
        }

        internal override string? Advise(Exception failure) =>
            BranchPolicyAdvice.For(failure, Target) ?? PermissionAdvice.ForAdministration(failure, Session.TokenSource, Ci);
    }
}
