using System.Collections.Generic;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhDeployment: one deployment by id, or the repository's deployments, newest first, streamed page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "GhDeployment", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(GhDeployment))]
    public sealed class GetGhDeploymentCommand : GhDeploymentCmdlet
    {
        const string ListSet = "List";

        /// <summary>An environment's deployments; binds a GhEnvironment's Name from the pipeline.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string? Environment { get; set; }

        /// <summary>
        /// A deployment from the pipeline, read again by its id. Bound by value, it keeps a GhDeployment in the Deployment set:
        /// by property name alone its Environment would bind -Environment and list the environment instead.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        public GhDeployment? InputObject { get; set; }

        /// <summary>
        /// A repository from the pipeline (Get-GhRepository), whose deployments are listed. Bound by value, it keeps a
        /// GhRepository in the List set: by property name alone its Id would bind -DeploymentId.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = ListSet)]
        public GhRepository? RepositoryObject { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateFullSha]
        public string? Sha { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Task { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == DeploymentSet)
            {
                Request(DeploymentId, (repository, t) => Api.GetDeploymentAsync(repository, DeploymentId, t));
                return;
            }
            TryItem(null, () =>
            {
                var repository = ResolveRepository();
                var filters = new Dictionary<string, string>();
                if (Environment != null) filters["environment"] = Environment;
                if (Ref != null) filters["ref"] = Ref;
                if (Sha != null) filters["sha"] = Sha;
                if (Task != null) filters["task"] = Task;
                // The total in one request (a page of one: its last page's number), before the list streams.
                if (PagingParameters.IncludeTotalCount)
                    WriteObject(PagingParameters.NewTotalCount((ulong)Run(t => Api.CountDeploymentsAsync(repository, filters, t)), 1.0));
                WritePages(Api.ListDeployments(repository, filters, PagingParameters.Skip), PagingParameters.First);
            });
        }
    }
}
