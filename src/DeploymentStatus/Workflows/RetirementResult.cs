using System;

namespace DeploymentStatus.Workflows
{
    internal enum RetirementOutcome { Kept, AlreadyInactive, Retired, Declined, Failed }

    /// <summary>What became of one deployment of a retirement (or, with no deployment, of reading the list).</summary>
    internal sealed class RetirementResult
    {
        RetirementResult(RetirementOutcome outcome, GhDeployment? deployment, GhDeploymentStatus? status, Exception? error)
        {
            Outcome = outcome;
            Deployment = deployment;
            Status = status;
            Error = error;
        }

        public RetirementOutcome Outcome { get; }

        /// <summary>The deployment; null when the list itself could not be read on.</summary>
        public GhDeployment? Deployment { get; }

        /// <summary>The inactive status posted (<see cref="RetirementOutcome.Retired"/>).</summary>
        public GhDeploymentStatus? Status { get; }

        /// <summary>Why it failed (<see cref="RetirementOutcome.Failed"/>).</summary>
        public Exception? Error { get; }

        public static RetirementResult Of(RetirementOutcome outcome, GhDeployment deployment) => new RetirementResult(outcome, deployment, null, null);
        public static RetirementResult Retired(GhDeployment deployment, GhDeploymentStatus status) => new RetirementResult(RetirementOutcome.Retired, deployment, status, null);
        public static RetirementResult Failed(GhDeployment? deployment, Exception error) => new RetirementResult(RetirementOutcome.Failed, deployment, null, error);
    }
}
