using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Wait-GhDeployment: waits until a deployment (by id, or the newest one of an environment, including one created while
    /// waiting) reaches one of -State, and returns that status (<see cref="DeploymentWait"/>: conditional requests, so an
    /// unchanged answer costs no rate limit). Failing instead is GhDeploymentFailed, the time running out GhTimeout, both
    /// this deployment's errors. Progress shows the state and the time; under a CI each change of state is one log line.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "GhDeployment", DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class WaitGhDeploymentCommand : GhDeploymentOrEnvironmentCmdlet
    {
        const int ProgressId = 1;
        /// <summary>A week: longer than any CI job runs.</summary>
        const double LongestTimeout = 7 * 24 * 3600;

        /// <summary>The environment whose newest deployment (of -Ref, -Sha) is waited for. Binds a GhEnvironment's Name from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateFullSha]
        public string? Sha { get; set; }

        [Parameter]
        [StateTransformation]
        [ValidateNotNullOrEmpty]
        [ValidateSet("error", "failure", "inactive", "in_progress", "queued", "pending", "success")]
        public string[] State { get; set; } = DeploymentWait.DefaultStates.ToArray();

        /// <summary>How long the command waits, for every deployment piped in together (each still gets one poll after it).</summary>
        [Parameter]
        [ValidateRange(0, LongestTimeout)]
        public double TimeoutSec { get; set; } = 1800;

        [Parameter]
        [ValidateRange(0.1, 3600)]
        public double IntervalSec { get; set; } = 5;

        /// <summary>When the time runs out: set when the first deployment's wait begins, the same for every one after it.</summary>
        DateTimeOffset? deadline;

        protected override void Process()
        {
            WaitTarget target;
            object targetObject;
            if (ParameterSetName == EnvironmentSet)
            {
                target = WaitTarget.Newest(Environment, Ref, Sha);
                targetObject = Environment;
            }
            else
            {
                // A piped deployment's State is shown until its first status is seen.
                var piped = Piped;
                target = WaitTarget.Deployment(DeploymentId, piped?.State);
                targetObject = (object?)piped ?? DeploymentId;
            }
            TryItem(targetObject, () => Wait(ResolveRepository(), target, targetObject));
        }

        void Wait(RepositoryName repository, WaitTarget target, object targetObject)
        {
            var time = Session.Time;
            deadline ??= time.GetUtcNow() + GhHttpPolicy.Seconds(TimeoutSec);
            var wait = new DeploymentWait(Api, repository, target, State, GhHttpPolicy.Seconds(IntervalSec), deadline.Value, time);
            var inCi = Ci.Kind != CiKind.None;
            ProgressRecord? progress = null;
            try
            {
                foreach (var e in wait.Run(this))
                {
                    switch (e.Kind)
                    {
                        case WaitEventKind.Found:
                            Tell(inCi, e.Subject + " (" + Describe(e.Found!) + ") is the one waited for" + (e.State == null ? "." : ": " + e.State + "."));
                            break;
                        case WaitEventKind.StateChanged:
                            Tell(inCi, StateLine(e));
                            break;
                        case WaitEventKind.Polled:
                            var next = "next check in " + Durations.Text(e.NextPoll ?? TimeSpan.Zero) + ".";
                            WriteVerbose(e.NotModified ? "No change (304 Not Modified: free); " + next : char.ToUpperInvariant(next[0]) + next.Substring(1));
                            break;
                        case WaitEventKind.Trouble:
                            WriteWarning("GitHub did not answer while waiting for " + e.Subject + " (" + e.Error!.Message + "); still waiting.");
                            break;
                        case WaitEventKind.Reached:
                            Complete(ref progress);
                            WriteObject(e.Status);
                            break;
                        case WaitEventKind.Failed:
                            Complete(ref progress);
                            WriteError(Errors.Record(new InvalidOperationException(FailedMessage(e)), ErrorIds.DeploymentFailed, ErrorCategory.InvalidResult, e.Status));
                            break;
                        case WaitEventKind.TimedOut:
                            Complete(ref progress);
                            WriteError(Errors.Record(new TimeoutException(TimedOutMessage(e, target.Wanted(repository))), ErrorIds.Timeout, ErrorCategory.OperationTimeout, targetObject));
                            break;
                    }
                    if (!inCi && !e.IsEnd) ShowProgress(ref progress, e);
                }
            }
            finally
            {
                Complete(ref progress);
            }
            var tally = wait.Tally;
            WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Waited for {0}: {1} checks, {2} requests, {3} of them answered 304 Not Modified (free), {4} counted against the rate limit.",
                wait.Subject, tally.Polls, tally.Requests, tally.NotModified, tally.Requests - tally.NotModified));
        }

        /// <summary>Under a CI, one line of its log (the information stream, shown like Write-Host); elsewhere a verbose message, the progress bar showing the state.</summary>
        void Tell(bool inCi, string line)
        {
            if (inCi) WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
            else WriteVerbose(line);
        }

        /// <summary>A new record each time (the host may keep the ones it was given): the state, the time waited, the next check.</summary>
        void ShowProgress(ref ProgressRecord? progress, WaitEvent e)
        {
            progress = new ProgressRecord(ProgressId, "Waiting for " + e.Subject,
                (e.State ?? (e.DeploymentId == null ? "no deployment yet" : "no status yet")) + ", " + Durations.Text(e.Elapsed))
            {
                CurrentOperation = e.NextPoll is TimeSpan next ? "Next check in " + Durations.Text(next) : null,
                SecondsRemaining = (int)Math.Max(0, Math.Ceiling(e.TimeLeft.TotalSeconds)),
            };
            WriteProgress(progress);
        }

        void Complete(ref ProgressRecord? progress)
        {
            if (progress == null) return;
            WriteProgress(new ProgressRecord(ProgressId, progress.Activity, progress.StatusDescription) { RecordType = ProgressRecordType.Completed });
            progress = null;
        }

        /// <summary>"octo-org/hello-world deployment 3000000001: in_progress after 42 s (Deploying v1.2)"</summary>
        static string StateLine(WaitEvent e)
        {
            var status = e.Status!;
            var line = e.Subject + ": " + status.State + " after " + Durations.Text(e.Elapsed);
            return string.IsNullOrEmpty(status.Description) ? line : line + " (" + status.Description + ")";
        }

        /// <summary>"deployment of main (abc1234) to staging"</summary>
        static string Describe(GhDeployment deployment) =>
            deployment.Ref + (deployment.Sha.Length >= 7 ? " " + deployment.Sha.Substring(0, 7) : "") + " to " + deployment.Environment;

        string FailedMessage(WaitEvent e)
        {
            var status = e.Status!;
            var message = e.Subject + " ended in " + status.State + " after " + Durations.Text(e.Elapsed)
                + (string.IsNullOrEmpty(status.Description) ? "" : ": " + status.Description);
            var log = status.LogUrl ?? status.TargetUrl;
            if (log != null) message = message.TrimEnd('.') + ". Log: " + log;
            return message + " (add " + status.State + " to -State to take it as an answer rather than an error).";
        }

        /// <param name="wanted">What -Environment, -Ref and -Sha look for ("deployment of staging in octo-org/hello-world").</param>
        string TimedOutMessage(WaitEvent e, string wanted)
        {
            var waited = " within " + Durations.Text(e.Elapsed) + " (-TimeoutSec " + TimeoutSec.ToString(CultureInfo.InvariantCulture) + ")";
            if (e.DeploymentId == null) return "No " + wanted + " appeared" + waited + ".";
            return e.Subject + " did not reach " + string.Join(", ", State) + waited + ": "
                + (e.State == null ? "it has no status yet." : "its last state was " + e.State + ".");
        }
    }
}
