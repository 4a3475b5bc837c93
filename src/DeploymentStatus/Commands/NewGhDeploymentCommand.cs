using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>New-GhDeployment: POST /repos/{owner}/{repo}/deployments.</summary>
    [Cmdlet(VerbsCommon.New, "GhDeployment", SupportsShouldProcess = true, DefaultParameterSetName = ContextsSet)]
    [OutputType(typeof(GhDeployment))]
    public sealed class NewGhDeploymentCommand : GhRepositoryCmdlet
    {
        const string ContextsSet = "RequiredContext";
        const string SkipSet = "SkipStatusCheck";

        /// <summary>The ref to deploy; in CI, the run's own commit when the deployment is of the run's repository (CiDefaults.Ref).</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string? Environment { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Task { get; set; }

        [Parameter]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        public object? Payload { get; set; }

        [Parameter]
        public SwitchParameter TransientEnvironment { get; set; }

        [Parameter]
        public bool ProductionEnvironment { get; set; }

        [Parameter(ParameterSetName = ContextsSet)]
        [AllowEmptyCollection]
        [ValidateNoControlCharacters]
        public string[]? RequiredContext { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SkipSet)]
        public SwitchParameter SkipStatusCheck { get; set; }

        [Parameter]
        public bool AutoMerge { get; set; }

        /// <summary>Hands the new deployment's id to later CI steps under this name (Azure Pipelines output variable, GitHub Actions step output).</summary>
        [Parameter]
        [ValidatePattern(CiCommands.OutputNamePattern)]
        public string? CiOutputName { get; set; }

        protected override void Process()
        {
            DeploymentRequest? request = null;
            string? reference = Ref, environment = null;
            if (!TryItem(Ref, () =>
            {
                // The CI's defaults, only for what the user left out.
                reference = RefOrCiDefault(Ref, ResolveRepository());
                environment = EnvironmentOrCiDefault(Environment);
                request = DeploymentInput.Request(reference, environment, Task, Description, Payload, SkipStatusCheck, RequiredContext);
                if (Bound(nameof(TransientEnvironment))) request.TransientEnvironment = TransientEnvironment.IsPresent;
                if (Bound(nameof(ProductionEnvironment))) request.ProductionEnvironment = ProductionEnvironment;
                if (Bound(nameof(AutoMerge))) request.AutoMerge = AutoMerge;
            })) return;
            Request(reference, async (repository, t) =>
                {
                    var created = await Api.CreateDeploymentAsync(repository, request!, t).ConfigureAwait(false);
                    // The new deployment's state as GitHub says it (pending, or waiting on an environment's protection rules).
                    if (created.Deployment != null) await Api.ReadStatesAsync(new[] { created.Deployment }, t).ConfigureAwait(false);
                    return created;
                },
                repository => (repository.ToString(), "Create deployment of '" + reference + "' to " + (environment ?? "production")),
                created =>
                {
                    if (created.Deployment == null)
                    {
                        WriteWarning("No deployment was created: " + created.MergeMessage + " Run the deployment again to deploy the merged ref.");
                        return;
                    }
                    WriteObject(created.Deployment);
                    if (CiOutputName != null) HandOn(CiOutputName, created.Deployment);
                });
        }

        internal override string? Advise(Exception failure) => DeploymentInput.ConflictOf(failure) switch
        {
            DeploymentConflictKind.MergeConflict => "Merge the default branch into it yourself, or deploy the ref as it is with -AutoMerge $false.",
            DeploymentConflictKind.StatusChecks => "Wait for the checks, require only some with -RequiredContext, or skip them with -SkipStatusCheck.",
            _ => null,
        };

        bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
