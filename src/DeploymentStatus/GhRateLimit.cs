using System;
using System.Globalization;

namespace DeploymentStatus
{
    /// <summary>Rate-limit headers of the last response GitHub sent (x-ratelimit-limit, -remaining, -used, -reset, -resource).</summary>
    public sealed class GhRateLimit
    {
        public int Limit { get; internal set; }
        public int Remaining { get; internal set; }
        public int Used { get; internal set; }
        public DateTimeOffset Reset { get; internal set; }
        public string Resource { get; internal set; } = "";

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}/{1} ({2}), resets {3:u}", Remaining, Limit, Resource, Reset);
    }
}
