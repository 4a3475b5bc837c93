using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhDeploymentStatus: a deployment's statuses, newest first and streamed; one by -StatusId; or only the newest.</summary>
    /// <remarks>-DeploymentId is declared here rather than inherited: it belongs to all three parameter sets.</remarks>
    [Cmdlet(VerbsCommon.Get, "GhDeploymentStatus", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class GetGhDeploymentStatusCommand : GhRepositoryCmdlet
    {
        const string ListSet = "List";
        const string ByIdSet = "ById";
        const string LatestSet = "Latest";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet)]
        [ValidateRange(1, long.MaxValue)]
        public long StatusId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LatestSet)]
        public SwitchParameter Latest { get; set; }

        protected override void Process()
        {
            switch (ParameterSetName)
            {
                case ByIdSet:
                    Request(DeploymentId, (repository, t) => Api.GetStatusAsync(repository, DeploymentId, StatusId, t));
                    break;
                case LatestSet:
                    Request(DeploymentId, (repository, t) => Api.GetLatestStatusAsync(repository, DeploymentId, t));
                    break;
                default:
                    TryItem(DeploymentId, () => WritePages(Api.ListStatuses(ResolveRepository(), DeploymentId)));
                    break;
            }
        }
    }
}
