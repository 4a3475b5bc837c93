using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhDeploymentInactive: posts an inactive status to one deployment, or retires a whole environment's
    /// deployments but the newest -Keep, walking every page and skipping those already inactive.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GhDeploymentInactive", SupportsShouldProcess = true, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class SetGhDeploymentInactiveCommand : GhRepositoryCmdlet
    {
        const string DeploymentSet = "Deployment";
        const string EnvironmentSet = "Environment";
        const string Inactive = "inactive";

        [Parameter(Mandatory = true, Position = 2, ParameterSetName = DeploymentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

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
            TryItem(DeploymentId, () =>
            {
                var repository = ResolveRepository();
                if (ShouldProcess(repository + " deployment " + DeploymentId, "Mark inactive")) Retire(repository, DeploymentId);
            });
        }

        void Retire(RepositoryName repository, long id)
        {
            var status = Run(t => Api.CreateStatusAsync(repository, id, new StatusRequest(Inactive), Session.Policy, t));
            if (PassThru) WriteObject(status);
        }

        void RetireEnvironment(RepositoryName repository)
        {
            var activity = "Retiring deployments of " + Environment + " in " + repository;
            var filters = new Dictionary<string, string>
            {
                ["environment"] = Environment,
                ["per_page"] = GitHubApi.PageSize.ToString(CultureInfo.InvariantCulture),
            };
            int seen = 0, kept = 0, retired = 0, skipped = 0, failed = 0, declined = 0;
            int? estimate = null;
            Uri? next = null;
            var complete = true;
            try
            {
                do
                {
                    var current = next;
                    var page = Run(t => Api.ListDeploymentsAsync(repository, filters, current, t));
                    estimate ??= page.LastPage * GitHubApi.PageSize;
                    var candidates = new List<GhDeployment>();
                    foreach (var deployment in page.Items)
                    {
                        if (kept < Keep) kept++;
                        else candidates.Add(deployment);
                    }
                    // One read per deployment tells its latest state (GitHub has no other way); they go in parallel,
                    // within the policy's cap. Writes then go one by one, paced by the policy.
                    var states = Run(t => Task.WhenAll(candidates.Select(d => LatestStateAsync(repository, d, t))));
                    foreach (var (deployment, state, error) in states)
                    {
                        seen++;
                        WriteProgress(new ProgressRecord(1, activity, string.Format(CultureInfo.InvariantCulture,
                            "{0} retired, {1} already inactive, {2} failed", retired, skipped, failed))
                        {
                            CurrentOperation = "Deployment " + deployment.Id,
                            PercentComplete = estimate is int total && total > 0 ? Math.Min(99, (seen + kept) * 100 / total) : -1,
                        });
                        if (error != null)
                        {
                            failed++;
                            WriteError(Errors.From(error, deployment));
                            continue;
                        }
                        if (state == Inactive)
                        {
                            skipped++;
                            continue;
                        }
                        if (!ShouldProcess(repository + " deployment " + deployment.Id + " (" + Environment + ", " + (state ?? "no status") + ")", "Mark inactive"))
                        {
                            declined++;
                            continue;
                        }
                        if (TryItem(deployment, () => Retire(repository, deployment.Id))) retired++;
                        else failed++;
                    }
                    next = page.Next;
                } while (next != null);
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                // A page of the list could not be read: what was done so far is still summed up.
                WriteError(Errors.From(ex, Environment));
                complete = false;
            }
            WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });

            var summary = string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} retired, {2} skipped (already inactive), {3} failed, {4} kept (newest){5} in {6}{7}.",
                Environment, retired, skipped, failed, kept,
                declined > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} left active (-WhatIf or not confirmed)", declined) : "",
                repository, complete ? "" : "; the list could not be read to its end");
            WriteInformation(new HostInformationMessage { Message = summary }, new[] { "PSHOST" });
        }

        async Task<(GhDeployment Deployment, string? State, Exception? Error)> LatestStateAsync(RepositoryName repository, GhDeployment deployment, CancellationToken token)
        {
            try
            {
                var latest = await Api.GetLatestStatusAsync(repository, deployment.Id, token).ConfigureAwait(false);
                return (deployment, latest?.State, null);
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                return (deployment, null, ex);
            }
        }
    }
}
