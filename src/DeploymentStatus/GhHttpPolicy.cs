using System;

namespace DeploymentStatus
{
    /// <summary>
    /// The knobs of the one HTTP policy every request goes through. The defaults follow GitHub's guidance;
    /// tests and impatient users shorten the waits (Connect-GhAccount -Policy @{ ... }).
    /// </summary>
    public sealed class GhHttpPolicy
    {
        /// <summary>Time one attempt may take before it is a GhTimeout.</summary>
        public double TimeoutSeconds { get; set; } = 30;

        /// <summary>How many times a failed request is tried again (5xx, network, secondary limits).</summary>
        public int MaxRetries { get; set; } = 4;

        /// <summary>First backoff step; doubled each retry, with jitter, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
        public double RetryBaseDelaySeconds { get; set; } = 1;

        /// <summary>Upper bound of one backoff step.</summary>
        public double MaxRetryDelaySeconds { get; set; } = 60;

        /// <summary>GitHub: without retry-after, wait at least one minute after a secondary rate limit.</summary>
        public double SecondaryLimitWaitSeconds { get; set; } = 60;

        /// <summary>A primary limit whose reset is further away than this fails at once with GhRateLimited.</summary>
        public double MaxRateLimitWaitSeconds { get; set; } = 300;

        /// <summary>GitHub: wait at least one second between content-creating requests.</summary>
        public double WriteIntervalSeconds { get; set; } = 1;

        /// <summary>
        /// Writes allowed in any rolling minute; 0: no limit. GitHub's secondary limits allow no more than 80
        /// content-generating requests a minute (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
        /// </summary>
        public int WritesPerMinute { get; set; } = 80;

        /// <summary>Writes allowed in any rolling hour; 0: no limit. GitHub allows no more than 500 content-generating requests an hour (same page).</summary>
        public int WritesPerHour { get; set; } = 500;

        /// <summary>How many reads may be in flight at once.</summary>
        public int MaxParallelReads { get; set; } = 8;

        internal static TimeSpan Seconds(double value) => TimeSpan.FromMilliseconds(Math.Max(0, value) * 1000);

        internal GhHttpPolicy Clone() => (GhHttpPolicy)MemberwiseClone();

        internal void Validate()
        {
            if (TimeoutSeconds <= 0) throw new ArgumentException("TimeoutSeconds must be greater than 0.");
            if (MaxRetries < 0) throw new ArgumentException("MaxRetries must be 0 or more.");
            if (MaxParallelReads < 1) throw new ArgumentException("MaxParallelReads must be 1 or more.");
            if (WritesPerMinute < 0 || WritesPerHour < 0) throw new ArgumentException("WritesPerMinute and WritesPerHour must be 0 (no limit) or more.");
            if (RetryBaseDelaySeconds < 0 || MaxRetryDelaySeconds < 0 || SecondaryLimitWaitSeconds < 0
                || MaxRateLimitWaitSeconds < 0 || WriteIntervalSeconds < 0)
                throw new ArgumentException("Waits and intervals cannot be negative.");
        }
    }
}
