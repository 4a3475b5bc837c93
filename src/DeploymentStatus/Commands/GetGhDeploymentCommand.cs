using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhDeployment: one deployment by id, or the repository's deployments, newest first, streamed page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "GhDeployment", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(GhDeployment))]
    public sealed class GetGhDeploymentCommand : GhRepositoryCmdlet
    {
        const string ListSet = "List";
        const string ByIdSet = "ById";

        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Environment { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidatePattern(@"^[0-9a-fA-F]{4,64}\z")]
        public string? Sha { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Task { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == ByIdSet)
            {
                TryItem(DeploymentId, () =>
                {
                    var repository = ResolveRepository();
                    WriteObject(Run(t => Api.GetDeploymentAsync(repository, DeploymentId, t)));
                });
                return;
            }
            TryItem(null, () => List(ResolveRepository()));
        }

        void List(RepositoryName repository)
        {
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            var filters = new Dictionary<string, string> { ["per_page"] = GitHubApi.PageSize.ToString(CultureInfo.InvariantCulture) };
            if (Environment != null) filters["environment"] = Environment;
            if (Ref != null) filters["ref"] = Ref;
            if (Sha != null) filters["sha"] = Sha;
            if (Task != null) filters["task"] = Task;
            // -Skip jumps whole pages without reading them.
            var skip = PagingParameters.Skip;
            var firstPage = skip / GitHubApi.PageSize + 1;
            skip %= GitHubApi.PageSize;
            if (firstPage > 1) filters["page"] = firstPage.ToString(CultureInfo.InvariantCulture);
            var left = PagingParameters.First;

            System.Uri? next = null;
            do
            {
                var current = next;
                var page = Run(t => Api.ListDeploymentsAsync(repository, filters, current, t));
                foreach (var deployment in page.Items)
                {
                    if (skip > 0) { skip--; continue; }
                    if (left == 0) return;
                    WriteObject(deployment);
                    left--;
                }
                next = page.Next;
            } while (next != null && left > 0);
        }
    }
}
