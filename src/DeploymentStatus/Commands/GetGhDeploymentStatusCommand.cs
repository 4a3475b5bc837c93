using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhDeploymentStatus: a deployment's statuses, newest first and streamed; one by -StatusId; or only the newest.</summary>
    [Cmdlet(VerbsCommon.Get, "GhDeploymentStatus", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class GetGhDeploymentStatusCommand : GhRepositoryCmdlet
    {
        const string ListSet = "List";
        const string ByIdSet = "ById";
        const string LatestSet = "Latest";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
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
            TryItem(DeploymentId, () =>
            {
                var repository = ResolveRepository();
                switch (ParameterSetName)
                {
                    case ByIdSet:
                        WriteObject(Run(t => Api.GetStatusAsync(repository, DeploymentId, StatusId, t)));
                        break;
                    case LatestSet:
                        var latest = Run(t => Api.GetLatestStatusAsync(repository, DeploymentId, t));
                        if (latest != null) WriteObject(latest);
                        break;
                    default:
                        System.Uri? next = null;
                        do
                        {
                            var current = next;
                            var page = Run(t => Api.ListStatusesAsync(repository, DeploymentId, GitHubApi.PageSize, current, t));
                            foreach (var status in page.Items) WriteObject(status);
                            next = page.Next;
                        } while (next != null);
                        break;
                }
            });
        }
    }
}
