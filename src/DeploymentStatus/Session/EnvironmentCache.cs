using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// The environments of each repository the session has completed names for (tab completion): one request (a page of
    /// 100) a repository, kept for a minute from when it was sent, whatever it answered, so that completion never costs more
    /// than one request a minute. A caller waits a moment at most: a slow answer fills the cache for the next Tab.
    /// </summary>
    internal sealed class EnvironmentCache
    {
        /// <summary>How long one answer serves.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

        readonly TimeProvider time;
        readonly Func<RepositoryName, CancellationToken, Task<IReadOnlyList<GhEnvironment>>> fetch;
        readonly object gate = new object();
        readonly Dictionary<string, Entry> entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);

        public EnvironmentCache(TimeProvider time, Func<RepositoryName, CancellationToken, Task<IReadOnlyList<GhEnvironment>>> fetch)
        {
            this.time = time;
            this.fetch = fetch;
        }

        /// <summary>
        /// The repository's environments: the cached list when it was asked for less than a minute ago, else a new request,
        /// waited for <paramref name="wait"/> at most. What is not known by then is the previous list, or nothing.
        /// </summary>
        public IReadOnlyList<GhEnvironment> Get(RepositoryName repository, TimeSpan wait)
        {
            Entry entry;
            lock (gate)
            {
                if (!entries.TryGetValue(repository.ToString(), out entry) || time.GetUtcNow() - entry.AskedAt >= Lifetime)
                {
                    entry = new Entry(time.GetUtcNow(), Fetch(repository), entry?.Known ?? Array.Empty<GhEnvironment>());
                    entries[repository.ToString()] = entry;
                }
            }
            if (!entry.Answer.IsCompleted)
            {
                using var moment = new CancellationTokenSource();
                Task.WhenAny(entry.Answer, time.Delay(wait, moment.Token)).GetAwaiter().GetResult();
                moment.Cancel();
            }
            return entry.Known;
        }

        /// <summary>What the cache holds for the repository, however old; never a request.</summary>
        public IReadOnlyList<GhEnvironment> Peek(RepositoryName repository)
        {
            lock (gate) return entries.TryGetValue(repository.ToString(), out var entry) ? entry.Known : Array.Empty<GhEnvironment>();
        }

        /// <summary>An environment the session just created or changed: known from now on without a request.</summary>
        public void Remember(RepositoryName repository, GhEnvironment environment) =>
            Change(repository, known => known.Where(e => !Same(e, environment.Name)).Concat(new[] { environment }).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase));

        /// <summary>An environment the session just deleted.</summary>
        public void Forget(RepositoryName repository, string name) => Change(repository, known => known.Where(e => !Same(e, name)));

        void Change(RepositoryName repository, Func<IEnumerable<GhEnvironment>, IEnumerable<GhEnvironment>> change)
        {
            lock (gate)
            {
                if (entries.TryGetValue(repository.ToString(), out var entry) && entry.Answer.IsCompleted)
                    entry.Known = change(entry.Known).ToList();
            }
        }

        static bool Same(GhEnvironment environment, string name) => string.Equals(environment.Name, name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The answer being waited for (or had) for the repository; completed when there is none.</summary>
        internal Task Answered(RepositoryName repository)
        {
            lock (gate) return entries.TryGetValue(repository.ToString(), out var entry) ? entry.Answer : Task.CompletedTask;
        }

        /// <summary>The first page. A failure leaves nothing known (and is not asked again within the minute); it is observed here.</summary>
        Task<IReadOnlyList<GhEnvironment>> Fetch(RepositoryName repository)
        {
            Task<IReadOnlyList<GhEnvironment>> answer;
            try { answer = fetch(repository, CancellationToken.None); }
            catch (Exception ex) when (Failures.IsItemFailure(ex)) { answer = Task.FromException<IReadOnlyList<GhEnvironment>>(ex); }
            answer.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return answer;
        }

        sealed class Entry
        {
            readonly IReadOnlyList<GhEnvironment> previous;
            IReadOnlyList<GhEnvironment>? changed;

            public Entry(DateTimeOffset askedAt, Task<IReadOnlyList<GhEnvironment>> answer, IReadOnlyList<GhEnvironment> previous)
            {
                AskedAt = askedAt;
                Answer = answer;
                this.previous = previous;
            }

            public DateTimeOffset AskedAt { get; }
            public Task<IReadOnlyList<GhEnvironment>> Answer { get; }

            /// <summary>The answer once it came (as the session changed it since), else the previous answer (also after a failure).</summary>
            public IReadOnlyList<GhEnvironment> Known
            {
                get => changed ?? (Answer.Status == TaskStatus.RanToCompletion ? Answer.Result : previous);
                set => changed = value;
            }
        }
    }
}
