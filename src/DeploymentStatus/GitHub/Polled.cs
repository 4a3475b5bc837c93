using System;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// GitHub's answer to a conditional GET: either what changed since the ETag sent (a 200, counted against the rate
    /// limit), or that nothing did (304 Not Modified: no body, and free). Either way the ETag to send next time, and the
    /// poll interval GitHub asked for (X-Poll-Interval), if it did.
    /// </summary>
    internal sealed class Polled<T>
    {
        Polled(bool changed, T? value, string? etag, TimeSpan? pollInterval)
        {
            Changed = changed;
            Value = value;
            ETag = etag;
            PollInterval = pollInterval;
        }

        /// <summary>False: GitHub answered 304 Not Modified, and <see cref="Value"/> is the default.</summary>
        public bool Changed { get; }

        /// <summary>The answer, when <see cref="Changed"/>.</summary>
        public T? Value { get; }

        /// <summary>The ETag to send as If-None-Match with the next poll; null when GitHub sent none.</summary>
        public string? ETag { get; }

        /// <summary>GitHub's X-Poll-Interval: how long a poller should wait before it asks again; null when not sent.</summary>
        public TimeSpan? PollInterval { get; }

        public static Polled<T> Answered(T? value, string? etag, TimeSpan? pollInterval) => new Polled<T>(true, value, etag, pollInterval);

        public static Polled<T> NotModified(string? etag, TimeSpan? pollInterval) => new Polled<T>(false, default, etag, pollInterval);
    }
}
