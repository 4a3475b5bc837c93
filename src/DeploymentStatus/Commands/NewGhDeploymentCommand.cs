using System;
using System.Globalization;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;
using Octokit;

namespace DeploymentStatus.Commands
{
    /// <summary>New-GhDeployment: POST /repos/{owner}/{repo}/deployments.</summary>
    [Cmdlet(VerbsCommon.New, "GhDeployment", SupportsShouldProcess = true, DefaultParameterSetName = ContextsSet)]
    [OutputType(typeof(GhDeployment))]
    public sealed class NewGhDeploymentCommand : GhRepositoryCmdlet
    {
        const string ContextsSet = "RequiredContext";
        const string SkipSet = "SkipStatusCheck";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Ref { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
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
            TryItem(Ref, () =>
            {
                var request = new DeploymentRequest(Ref)
                {
                    Environment = Environment,
                    Task = Task,
                    Description = Description,
                    Payload = PayloadConverter.ToPayload(Payload),
                    TransientEnvironment = Bound(nameof(TransientEnvironment)) ? TransientEnvironment.IsPresent : (bool?)null,
                    ProductionEnvironment = Bound(nameof(ProductionEnvironment)) ? ProductionEnvironment : (bool?)null,
                    AutoMerge = Bound(nameof(AutoMerge)) ? AutoMerge : (bool?)null,
                    RequiredContexts = SkipStatusCheck ? new string[0] : RequiredContext,
                };
                var repository = ResolveRepository();
                if (!ShouldProcess(repository.ToString(), "Create deployment of '" + Ref + "' to " + (Environment ?? "production"))) return;
                CreatedDeployment created;
                try { created = Run(t => Api.CreateDeploymentAsync(repository, request, t)); }
                catch (ApiException ex) when ((int)ex.StatusCode == 409)
                {
                    WriteError(ConflictError(ex, Ref, conflict => conflict.Kind == DeploymentConflictKind.MergeConflict
                        ? "Merge the default branch into it yourself, or deploy the ref as it is with -AutoMerge $false."
                        : conflict.Kind == DeploymentConflictKind.StatusChecks
                            ? "Wait for the checks, require only some with -RequiredContext, or skip them with -SkipStatusCheck."
                            : ""));
                    return;
                }
                if (created.Deployment != null)
                {
                    WriteObject(created.Deployment);
                    if (CiOutputName != null) HandOn(this, CiOutputName, created.Deployment);
                }
                else WriteWarning("No deployment was created: " + created.MergeMessage + " Run the deployment again to deploy the merged ref.");
            });
        }

        /// <summary>A 409 as GhConflict whose text says whether it was a merge conflict or failed status checks (and which).</summary>
        internal static ErrorRecord ConflictError(ApiException exception, string reference, System.Func<DeploymentConflict, string> hint)
        {
            var conflict = DeploymentConflict.Read(exception.ApiError?.Message, exception.HttpResponse?.Body as string);
            var record = Errors.From(exception, reference);
            var advice = hint(conflict);
            record.ErrorDetails = new ErrorDetails(conflict.Describe(reference) + (advice.Length > 0 ? " " + advice : ""));
            return record;
        }

        /// <summary>
        /// -CiOutputName: the deployment's id for later CI steps (CiCommands), said with -Verbose; a warning when there is
        /// no CI to hand it to, an error (the deployment stands) when the output file cannot be written.
        /// </summary>
        internal static void HandOn(GhCmdlet cmdlet, string name, GhDeployment deployment)
        {
            var result = CiCommands.SetOutput(name, deployment.Id.ToString(CultureInfo.InvariantCulture), ProcessEnvironment, Console.Out);
            if (result.Set) cmdlet.WriteVerbose(result.Message);
            else if (result.Failure != null)
                cmdlet.WriteError(new ErrorRecord(new System.IO.IOException(result.Message, result.Failure), "GhCiOutputFailed", ErrorCategory.WriteError, name));
            else cmdlet.WriteWarning(result.Message);
        }

        bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
