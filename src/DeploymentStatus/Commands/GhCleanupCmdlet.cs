using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhDeploymentInactive and Remove-GhDeployment: one deployment (-DeploymentId, or a GhDeployment from the pipeline),
    /// or whole environments: -Environment (names or wildcards) with -Keep per environment, in the repository of each item
    /// (so repositories and environments pipe in). The environments of every item are gathered first and cleaned up in
    /// End, planned before any write (<see cref="DeploymentCleanup"/>): -WhatIf prints the plan, a run prints a summary
    /// per repository (and a total), -PassThru returns a <see cref="GhCleanupResult"/> per repository.
    /// </summary>
    public abstract class GhCleanupCmdlet : GhDeploymentOrEnvironmentCmdlet
    {
        readonly List<CleanupTarget> targets = new List<CleanupTarget>();

        /// <summary>The environments: names or wildcards (review/*, *). Binds a GhEnvironment's Name from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string[] Environment { get; set; } = Array.Empty<string>();

        /// <summary>The newest deployments of each environment to leave as they are.</summary>
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateRange(0, int.MaxValue)]
        public int Keep { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal abstract CleanupKind Kind { get; }

        /// <summary>Remove-GhDeployment -Force: an active deployment is marked inactive, then deleted (else it is left).</summary>
        internal virtual bool DeletesActive => false;

        /// <summary>One deployment's item; <paramref name="piped"/> is the GhDeployment it came from, if it did.</summary>
        internal abstract void ProcessDeployment(GhDeployment? piped);

        /// <summary>After the last deployment item (a cmdlet that gathers them does them here).</summary>
        internal virtual void EndDeployments()
        {
        }

        protected sealed override void Process()
        {
            if (ParameterSetName != EnvironmentSet)
            {
                ProcessDeployment(Piped);
                return;
            }
            TryItem(string.Join(", ", Environment), () =>
            {
                var repository = ResolveRepository();
                var target = targets.Find(t => t.IsOf(repository));
                if (target == null) targets.Add(target = new CleanupTarget(repository));
                target.Add(Environment.Select(Wildcards.Filter));
            });
        }

        protected sealed override void End()
        {
            if (ParameterSetName == EnvironmentSet) CleanUp();
            else EndDeployments();
        }

        /// <summary>A whole environment is a long bulk run: its failures go to the CI run's summary page too.</summary>
        internal override bool ReportsProblemsToCi => ParameterSetName == EnvironmentSet;

        void CleanUp()
        {
            if (targets.Count == 0) return;
            var cleanup = new DeploymentCleanup(Api, Kind, Keep, DeletesActive);
            foreach (var failure in cleanup.Plan(this, targets)) WriteFailure(failure.Error, failure.Target);

            // -WhatIf: the plan is the answer. Otherwise it is said with -Verbose, and the summary is the answer.
            var whatIf = WhatIfRequested;
            foreach (var line in cleanup.Plans.SelectMany(p => p.PlanLines()).Concat(new[] { PlanTotal(cleanup) }))
            {
                if (whatIf) Inform(line);
                else WriteVerbose(line);
            }
            var patterns = string.Join(", ", targets.SelectMany(t => t.Filters).Select(f => f.Text).Distinct(StringComparer.OrdinalIgnoreCase));
            using (CiLog.Group((Kind == CleanupKind.Retire ? "Retire" : "Remove") + " deployments of " + patterns + " in " + (targets.Count == 1 ? targets[0].Repository.ToString() : Repositories(targets.Count)) + " (keep " + Keep + ")"))
            {
                foreach (var failure in cleanup.Run(this)) WriteFailure(failure.Error, failure.Target);
            }
            if (!whatIf)
            {
                foreach (var plan in cleanup.Plans) Inform(plan.Summary());
                if (cleanup.Plans.Count > 1) Inform(cleanup.Total());
            }
            if (PassThru) foreach (var plan in cleanup.Plans) WriteObject(plan.Result);
            if (cleanup.Stopped != null)
            {
                var left = cleanup.Plans.Where(p => p.Held == null).SelectMany(p => p.Deployments).Count(d => d.WritesLeft > 0);
                throw Terminate(Errors.From(cleanup.Stopped, null, Writes(cleanup.WritesLeft) + " for " + RepositoryPlan.DeploymentCount(left) + " remain."));
            }
        }

        /// <summary>"Plan: 150 writes in 1 repository, about 2 min 30 s (writes 1 s apart, at most 80 a minute and 500 an hour)."</summary>
        string PlanTotal(DeploymentCleanup cleanup)
        {
            var policy = Session.Policy;
            var limits = new List<string>();
            if (policy.WritesPerMinute > 0) limits.Add(policy.WritesPerMinute.ToString(CultureInfo.InvariantCulture) + " a minute");
            if (policy.WritesPerHour > 0) limits.Add(policy.WritesPerHour.ToString(CultureInfo.InvariantCulture) + " an hour");
            return string.Format(CultureInfo.InvariantCulture, "Plan: {0} in {1}, about {2} (writes {3:0.###} s apart, {4}).",
                Writes(cleanup.WritesLeft), Repositories(cleanup.Plans.Count), Durations.Text(cleanup.Forecast), policy.WriteIntervalSeconds,
                limits.Count > 0 ? "at most " + string.Join(" and ", limits) : "no write budget");
        }

        void Inform(string text) => WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });

        static string Writes(int count) => count == 1 ? "1 write" : count.ToString(CultureInfo.InvariantCulture) + " writes";

        static string Repositories(int count) => count == 1 ? "1 repository" : count.ToString(CultureInfo.InvariantCulture) + " repositories";
    }
}
