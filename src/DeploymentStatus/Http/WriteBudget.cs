using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// GitHub's content-creation limits as a budget the module spends before it sends a write: at most
    /// <see cref="GhHttpPolicy.WritesPerMinute"/> writes in any rolling minute and <see cref="GhHttpPolicy.WritesPerHour"/>
    /// in any rolling hour. Beyond them GitHub answers with its secondary limit, and a large clean-up ends in a wall of
    /// refusals; within them it never does. One budget per token (<see cref="WriteBudgets"/>), shared by every session of
    /// the process that uses it, so parallel runspaces cannot double the rate. A write reserves its slot, in order, before
    /// it waits for it: two sessions never take the same one.
    /// </summary>
    internal sealed class WriteBudget
    {
        static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
        static readonly TimeSpan Hour = TimeSpan.FromHours(1);

        readonly object gate = new object();
        /// <summary>The slots of the writes of the last hour (some may lie ahead: reserved, not yet sent), in order.</summary>
        readonly List<DateTimeOffset> slots = new List<DateTimeOffset>();

        /// <summary>
        /// Reserves the next write's slot and returns when it is: now, or when the budget has room again. A slot further
        /// away than <paramref name="maxWait"/> is not reserved: <see cref="WriteBudgetException"/> says when it would be.
        /// </summary>
        /// <param name="perMinute">Writes allowed in any minute; 0: no limit.</param>
        /// <param name="perHour">Writes allowed in any hour; 0: no limit.</param>
        public DateTimeOffset Reserve(DateTimeOffset now, int perMinute, int perHour, TimeSpan maxWait)
        {
            lock (gate)
            {
                slots.RemoveAll(s => s <= now - Hour);
                var (at, hourBound) = NextSlot(slots, now, perMinute, perHour);
                if (at - now > maxWait)
                    throw new WriteBudgetException(at, hourBound ? perHour + " writes an hour (WritesPerHour)" : perMinute + " writes a minute (WritesPerMinute)", at - now, maxWait);
                slots.Add(at);
                return at;
            }
        }

        /// <summary>
        /// When the last of <paramref name="writes"/> more writes could go, each at least <paramref name="interval"/> after the
        /// one before and the first not before <paramref name="from"/>, under this budget as it stands. Nothing is reserved.
        /// </summary>
        public DateTimeOffset Forecast(DateTimeOffset now, DateTimeOffset from, int writes, int perMinute, int perHour, TimeSpan interval)
        {
            List<DateTimeOffset> planned;
            lock (gate) planned = slots.Where(s => s > now - Hour).ToList();
            // Only the newest perMinute and perHour slots bound the next one.
            var window = Math.Max(perMinute, perHour);
            var at = Later(from, now);
            var last = at;
            for (var i = 0; i < writes; i++)
            {
                last = NextSlot(planned, at, perMinute, perHour).At;
                if (window > 0)
                {
                    planned.Add(last);
                    if (planned.Count > 2 * window) planned.RemoveRange(0, planned.Count - window);
                }
                at = last + interval;
            }
            return last;
        }

        /// <summary>
        /// The first moment from <paramref name="from"/> on, and after every slot taken, when one more write stays within
        /// both limits: at least a window after the write that would otherwise be one too many in it. Slots are in order,
        /// so that write is the one <c>limit</c> places from the end. Says whether the hour was the limit that held it back.
        /// </summary>
        static (DateTimeOffset At, bool HourBound) NextSlot(List<DateTimeOffset> slots, DateTimeOffset from, int perMinute, int perHour)
        {
            var at = slots.Count > 0 ? Later(from, slots[slots.Count - 1]) : from;
            var byHour = perHour > 0 && slots.Count >= perHour ? slots[slots.Count - perHour] + Hour : DateTimeOffset.MinValue;
            var byMinute = perMinute > 0 && slots.Count >= perMinute ? slots[slots.Count - perMinute] + Minute : DateTimeOffset.MinValue;
            return (Later(at, Later(byHour, byMinute)), byHour > at && byHour >= byMinute);
        }

        static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    /// <summary>The write budgets of one process (or of one test), one per token.</summary>
    internal sealed class WriteBudgets
    {
        readonly ConcurrentDictionary<string, WriteBudget> budgets = new ConcurrentDictionary<string, WriteBudget>(StringComparer.Ordinal);

        /// <summary>Every session of this process.</summary>
        public static WriteBudgets Process { get; } = new WriteBudgets();

        /// <param name="owner">Who the budget belongs to: a token's fingerprint, or a GitHub App installation, with the API's host.</param>
        public WriteBudget For(string owner) => budgets.GetOrAdd(owner, _ => new WriteBudget());
    }

    /// <summary>The write budget is spent for longer than the policy waits: the write was not sent.</summary>
    internal sealed class WriteBudgetException : GhFailureException
    {
        public WriteBudgetException(DateTimeOffset refillsAt, string limit, TimeSpan wait, TimeSpan maxWait)
            : base(GhFailureKind.RateLimited, string.Format(CultureInfo.InvariantCulture,
                "GitHub's write budget of {0} is spent: the next write may go at {1:yyyy-MM-dd HH:mm:ss} UTC, {2:0} s from now, longer than "
                + "MaxRateLimitWaitSeconds ({3:0} s). Nothing was lost: run the command again then, and it goes on where it stopped.",
                limit, refillsAt.UtcDateTime, wait.TotalSeconds, maxWait.TotalSeconds)) =>
            RefillsAt = refillsAt;

        /// <summary>When the budget has room for the next write.</summary>
        public DateTimeOffset RefillsAt { get; }
    }
}
