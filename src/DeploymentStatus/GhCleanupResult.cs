using System;

namespace DeploymentStatus
{
    /// <summary>
    /// What a clean-up (Set-GhDeploymentInactive or Remove-GhDeployment with -Environment) did in one repository: one per
    /// repository with -PassThru, so a CI script can act on it. Every deployment of the environments it matched is counted
    /// once: kept, skipped, retired or deleted, failed, or remaining.
    /// </summary>
    public sealed class GhCleanupResult
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        /// <summary>The environments the -Environment patterns matched, by name.</summary>
        public string[] Environment { get; internal set; } = Array.Empty<string>();
        /// <summary>The newest -Keep of each environment, left as they are.</summary>
        public int Kept { get; internal set; }
        /// <summary>
        /// Deployments that needed nothing (already inactive, for Set-GhDeploymentInactive), or that Remove-GhDeployment
        /// left because they are still active and -Force was not given.
        /// </summary>
        public int Skipped { get; internal set; }
        /// <summary>Deployments marked inactive (by Remove-GhDeployment -Force: before they were deleted).</summary>
        public int Retired { get; internal set; }
        /// <summary>Deployments deleted (Remove-GhDeployment).</summary>
        public int Deleted { get; internal set; }
        /// <summary>Deployments whose write, or the read of whose state, failed (each was an error of its own).</summary>
        public int Failed { get; internal set; }
        /// <summary>
        /// Deployments still to do: not confirmed (-WhatIf, -Confirm), not reached when GitHub's write budget ran out, or in
        /// an archived repository. The same command run again does them (and only them).
        /// </summary>
        public int Remaining { get; internal set; }
        /// <summary>The write requests sent.</summary>
        public int Writes { get; internal set; }
        /// <summary>The repository is archived: GitHub refuses writes there, so none was sent.</summary>
        public bool Archived { get; internal set; }
        /// <summary>Whether the deployments were read to the end of the list (false: a page failed, and is an error of its own).</summary>
        public bool Complete { get; internal set; } = true;

        public override string ToString() => Owner + "/" + Repository;
    }
}
