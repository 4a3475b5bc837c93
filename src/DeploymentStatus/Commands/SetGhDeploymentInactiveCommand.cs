using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhDeploymentInactive: posts an inactive status to one deployment, or retires a whole environment's
    /// deployments but the newest -Keep (<see cref="EnvironmentRetirement"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GhDeploymentInactive", SupportsShouldProcess = true, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class SetGhDeploymentInactiveCommand : GhDeploymentCmdlet
    {
        const string EnvironmentSet = "Environment";

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Environment { get; set; } = "";

        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateRange(0, int.MaxValue)]
        public int Keep { get; set; } = 1;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == EnvironmentSet)
            {
                TryItem(Environment, () => RetireEnvironment(ResolveRepository()));
                return;
            }
            Request(DeploymentId, (repository, t) => Api.CreateStatusAsync(repository, DeploymentId, new StatusRequest("inactive"), t),
                repository => (DeploymentTarget(repository, DeploymentId), "Mark inactive"), WritePassThru);
        }

        void RetireEnvironment(RepositoryName repository)
        {
            var retirement = new EnvironmentRetirement(Api, repository, Environment, Keep);
            // Under a CI, the run folds into one group of the log; each failure is also an error on the run's summary page.
            using (CiLog.Group("Retire deployments of " + Environment + " in " + repository + " (keep " + Keep + ")"))
            {
                foreach (var result in retirement.Run(this))
                {
                    if (result.Error != null) WriteItemError(Errors.From(result.Error, (object?)result.Deployment ?? Environment));
                    else if (result.Status != null) WritePassThru(result.Status);
                }
            }
            WriteInformation(new HostInformationMessage { Message = retirement.Summary() }, new[] { "PSHOST" });
        }

        /// <summary>A whole environment is a long bulk run: its failures go to the CI run's summary page too.</summary>
        internal override bool ReportsProblemsToCi => ParameterSetName == EnvironmentSet;

        void WritePassThru(GhDeploymentStatus status)
        {
            if (PassThru) WriteObject(status);
        }
    }
}
