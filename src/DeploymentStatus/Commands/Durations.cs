using System;
using System.Globalization;

namespace DeploymentStatus.Commands
{
    /// <summary>Spans of time as messages and progress bars show them.</summary>
    internal static class Durations
    {
        /// <summary>"0.5 s", "42 s", "3 min 5 s", "1 h 20 min"</summary>
        public static string Text(TimeSpan span)
        {
            if (span < TimeSpan.Zero) span = TimeSpan.Zero;
            if (span.TotalSeconds < 10) return span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
            if (span.TotalMinutes < 1) return span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
            if (span.TotalHours < 1) return string.Format(CultureInfo.InvariantCulture, "{0} min {1} s", (int)span.TotalMinutes, span.Seconds);
            return string.Format(CultureInfo.InvariantCulture, "{0} h {1} min", (int)span.TotalHours, span.Minutes);
        }
    }
}
