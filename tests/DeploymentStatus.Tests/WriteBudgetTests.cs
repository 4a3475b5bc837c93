using DeploymentStatus.Commands;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using GitHubEmulator;
using Xunit;
using static DeploymentStatus.Tests.PolicyRig;

namespace DeploymentStatus.Tests;

/// <summary>GitHub's content-creation limits as the module's write budget: rolling minute and hour, one per token.</summary>
public class WriteBudgetTests
{
    static readonly DateTimeOffset T0 = ManualClock.Start;
    static readonly TimeSpan Long = TimeSpan.FromDays(1);

    public class TheReservation
    {
        [Fact]
        public void GivesEveryWriteOfTheHourAtOnce_ThenTheSlotAnHourAfterTheFirst()
        {
            var budget = new WriteBudget();
            for (var i = 0; i < 8; i++) Assert.Equal(T0.AddSeconds(i), budget.Reserve(T0.AddSeconds(i), 0, 8, Long));

            Assert.Equal(T0.AddHours(1), budget.Reserve(T0.AddSeconds(8), 0, 8, Long));
            Assert.Equal(T0.AddHours(1).AddSeconds(1), budget.Reserve(T0.AddSeconds(9), 0, 8, Long));
        }

        [Fact]
        public void KeepsAnyMinuteWithinItsWrites()
        {
            var budget = new WriteBudget();
            var slots = Enumerable.Range(0, 7).Select(_ => budget.Reserve(T0, 3, 0, Long)).ToList();
            Assert.Equal([T0, T0, T0, T0.AddMinutes(1), T0.AddMinutes(1), T0.AddMinutes(1), T0.AddMinutes(2)], slots);
        }

        [Fact]
        public void RefusesASlotBeyondTheLongestWait_ReservingNothing_AndSaysWhenItRefills()
        {
            var budget = new WriteBudget();
            for (var i = 0; i < 8; i++) budget.Reserve(T0.AddMinutes(i), 80, 8, Long);

            var ex = Assert.Throws<WriteBudgetException>(() => budget.Reserve(T0.AddMinutes(10), 80, 8, TimeSpan.FromSeconds(2)));

            Assert.Equal(T0.AddHours(1), ex.RefillsAt);
            Assert.Equal(GhFailureKind.RateLimited, ex.Kind);
            Assert.Contains("8 writes an hour (WritesPerHour)", ex.Message, StringComparison.Ordinal);
            Assert.Contains("2026-01-15 11:00:00 UTC", ex.Message, StringComparison.Ordinal);
            Assert.Equal("GhRateLimited", Errors.From(ex, null).FullyQualifiedErrorId);
            // Nothing was reserved: the refill time is the same when asked again.
            Assert.Equal(T0.AddHours(1), Assert.Throws<WriteBudgetException>(() => budget.Reserve(T0.AddMinutes(11), 80, 8, TimeSpan.FromSeconds(2))).RefillsAt);
        }

        [Fact]
        public void ZeroMeansNoLimit()
        {
            var budget = new WriteBudget();
            for (var i = 0; i < 1000; i++) Assert.Equal(T0, budget.Reserve(T0, 0, 0, TimeSpan.Zero));
        }

        [Fact]
        public void WritersReservingAtOnceNeverShareASlotAndStayWithinTheMinute()
        {
            var budget = new WriteBudget();
            var slots = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
            Parallel.For(0, 200, _ => slots.Add(budget.Reserve(T0, 10, 0, Long)));
            var sorted = slots.OrderBy(s => s).ToList();
            for (var i = 10; i < sorted.Count; i++)
                Assert.True(sorted[i] - sorted[i - 10] >= TimeSpan.FromMinutes(1), $"slots {i - 10} and {i} lie within one minute");
        }
    }

    public class TheForecast
    {
        [Fact]
        public void PacesTheWritesAndWaitsForTheMinuteAndTheHour()
        {
            var budget = new WriteBudget();
            // Five writes a second apart, two a minute: the third waits for the first's minute, the fifth for the third's.
            Assert.Equal(T0.AddMinutes(2), budget.Forecast(T0, T0, 5, 2, 0, TimeSpan.FromSeconds(1)));
            // 2,000 writes under GitHub's limits, a second apart: 500 an hour, so the last one goes three hours and 500 s in.
            Assert.Equal(T0.AddHours(3).AddSeconds(499), budget.Forecast(T0, T0, 2000, 80, 500, TimeSpan.FromSeconds(1)));
        }

        [Fact]
        public void CountsWhatTheBudgetHasSpentAndReservesNothing()
        {
            var budget = new WriteBudget();
            for (var i = 0; i < 3; i++) budget.Reserve(T0, 3, 0, Long);

            Assert.Equal(T0.AddMinutes(1), budget.Forecast(T0, T0, 1, 3, 0, TimeSpan.Zero));
            Assert.Equal(T0.AddMinutes(1), budget.Forecast(T0, T0, 1, 3, 0, TimeSpan.Zero));
            Assert.Equal(T0.AddMinutes(1), budget.Reserve(T0, 3, 0, Long));
        }

        [Fact]
        public void NoLimitIsTheSpacingAlone()
        {
            Assert.Equal(T0.AddSeconds(5 + 99), new WriteBudget().Forecast(T0, T0.AddSeconds(5), 100, 0, 0, TimeSpan.FromSeconds(1)));
        }
    }

    public class ThePolicy
    {
        static GhHttpPolicy Budgeted(int perMinute, int perHour, double maxWaitSeconds)
        {
            var policy = FastPolicy();
            policy.WritesPerMinute = perMinute;
            policy.WritesPerHour = perHour;
            policy.MaxRateLimitWaitSeconds = maxWaitSeconds;
            return policy;
        }

        [Fact]
        public async Task WaitsOutTheMinuteBudgetWhenTheWaitIsWithinTheCap()
        {
            await using var rig = await StartAsync(Budgeted(3, 0, 300));
            var ids = rig.Seed(7);

            var messages = new List<string>();
            foreach (var id in ids)
                messages.AddRange((await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t))).Messages);

            Assert.Equal(7, rig.Requests("POST").Count(r => r.Status == 201));
            Assert.Equal(TimeSpan.FromMinutes(2), rig.Waited);
            Assert.Contains(messages, m => m == "Progress: Waiting for GitHub's write budget until 10:01:00 UTC");
            Assert.Contains(messages, m => m == "Progress: ");
        }

        [Fact]
        public async Task StopsBeforeAWriteTheBudgetCannotTakeInTime_SendingNothing()
        {
            await using var rig = await StartAsync(Budgeted(0, 2, 2));
            var ids = rig.Seed(3);
            await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, ids[0], new StatusRequest("inactive"), t));
            await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, ids[1], new StatusRequest("inactive"), t));

            var (error, _, _) = await FailAsync(t => rig.Api.CreateStatusAsync(rig.Repository, ids[2], new StatusRequest("inactive"), t));

            Assert.Equal(ManualClock.Start.AddHours(1), Assert.IsType<WriteBudgetException>(error).RefillsAt);
            Assert.Equal(2, rig.Requests("POST").Count);
        }

        [Fact]
        public async Task ReadsSpendNothing()
        {
            await using var rig = await StartAsync(Budgeted(0, 1, 2));
            rig.Seed(3);
            for (var i = 0; i < 5; i++) await RunAsync(t => rig.Api.ListDeployments(rig.Repository, new Dictionary<string, string>()).NextAsync(t));
            Assert.Equal(TimeSpan.Zero, rig.Waited);
        }

        [Fact]
        public async Task SessionsOfOneTokenShareOneBudget_AnotherTokenHasItsOwn()
        {
            var clock = new ManualClock { AutoAdvance = true };
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock });
            emulator.State.AddToken("ghp_one");
            emulator.State.AddToken("ghp_two");
            emulator.State.AddRepository("octo-org", "hello-world");
            var ids = emulator.State.SeedDeployments("octo-org", "hello-world", new GitHubEmulator.State.DeploymentSeed { Count = 6 });
            var machine = new Machine { Time = clock, Budgets = new WriteBudgets() };
            GhSession Session(string token) => new(new Uri(emulator.BaseUri, "api/v3/"), ConnectionSettings.ToSecureString(token), GhTokenSource.Parameter,
                Budgeted(0, 2, 2), null, null, machine);
            using var first = Session("ghp_one");
            using var second = Session("ghp_one");
            using var other = Session("ghp_two");
            var repository = new RepositoryName("octo-org", "hello-world");
            Task<GhDeploymentStatus> Post(GhSession session, int i) => session.Api.CreateStatusAsync(repository, ids[i], new StatusRequest("inactive"), CancellationToken.None);

            await Post(first, 0);
            await Post(second, 1);
            await Assert.ThrowsAsync<WriteBudgetException>(() => Post(first, 2));
            await Assert.ThrowsAsync<WriteBudgetException>(() => Post(second, 3));
            await Post(other, 4);
        }
    }
}
