using System;
using System.Globalization;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Invoke-GhDeployment: wraps a deploy script in the deployment's whole lifecycle. Creates the deployment, posts
    /// in_progress, runs the script block (its output flows on), then posts success, or failure with the error's
    /// first line and rethrows it; a script whose last native command exited with a code not in -SuccessExitCode
    /// ($LASTEXITCODE, set to 0 before the script runs) posts failure naming the code and ends with GhDeploymentScriptFailed;
    /// a stopped pipeline posts error ("cancelled").
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GhDeployment", SupportsShouldProcess = true)]
    [OutputType(typeof(object))]
    public sealed class InvokeGhDeploymentCommand : GhNamedRepositoryCmdlet
    {
        /// <summary>How long a stopped run may spend posting its "cancelled" status: Ctrl+C ends a cmdlet within a second.</summary>
        static readonly TimeSpan cancelNoticeLimit = TimeSpan.FromMilliseconds(500);

        /// <summary>The ref to deploy; in CI, the run's own commit when the deployment is of the run's repository.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Ref { get; set; }

        /// <summary>The environment; in Azure Pipelines, the deployment job's or the classic release stage's. Binds a GhEnvironment's Name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string? Environment { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        public ScriptBlock? ScriptBlock { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? EnvironmentUrl { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? LogUrl { get; set; }

        [Parameter]
        [ValidateStatusDescription]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Task { get; set; }

        [Parameter]
        public object? Payload { get; set; }

        [Parameter]
        public SwitchParameter SkipStatusCheck { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// The exit codes of the script's last native command (or of its exit) that mean success; any other is a failed
        /// deployment. For tools whose non-zero codes are not failures (robocopy: 0 to 7).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public int[] SuccessExitCode { get; set; } = { 0 };

        /// <summary>Hands the deployment's id to later CI steps under this name, as soon as it is created (so a failed deploy hands it on too).</summary>
        [Parameter]
        [ValidatePattern(CiCommands.OutputNamePattern)]
        public string? CiOutputName { get; set; }

        protected override void Process()
        {
            var repository = ResolveRepository();
            // The CI's defaults, only for what the user left out.
            var reference = RefOrCiDefault(Ref, repository);
            var environment = EnvironmentOrCiDefault(Environment)
                ?? throw Terminate(new InvalidOperationException("No environment given: pass -Environment, or run in an Azure Pipelines deployment job " +
                    "(ENVIRONMENT_NAME) or classic release stage (RELEASE_ENVIRONMENTNAME)."), ErrorIds.EnvironmentNotSpecified, ErrorCategory.InvalidArgument);
            if (!ShouldProcess(repository.ToString(), "Deploy '" + reference + "' to " + environment)) return;
            // Under a CI, the whole run folds into one group of the log, and its problems go to the run's summary page.
            using (CiLog.Group("Deploy " + reference + " to " + environment + " (" + repository + ")"))
                Deploy(repository, reference, environment);
        }

        void Deploy(RepositoryName repository, string reference, string environment)
        {
            var ciLog = CiLog;
            var logUrl = LogUrl ?? CiDefaults.LogUrl(Ci);
            DeploymentRequest request;
            try { request = DeploymentInput.Request(reference, environment, Task, Description, Payload, SkipStatusCheck); }
            catch (GhInputException ex) { throw Terminate(Errors.From(ex, Payload)); }

            CreatedDeployment created;
            try { created = Run(t => Api.CreateDeploymentAsync(repository, request, t)); }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                var record = Failure(ex, reference);
                ciLog.Error("The deployment of " + reference + " to " + environment + " was not created: " + Errors.Message(record));
                throw Terminate(record);
            }
            if (created.Deployment == null)
            {
                var notCreated = new InvalidOperationException("No deployment was created, so the script did not run: " + created.MergeMessage + " Run it again to deploy the merged ref.");
                ciLog.Error(notCreated.Message);
                throw Terminate(Errors.Record(notCreated, ErrorIds.DeploymentNotCreated, ErrorCategory.ResourceUnavailable, reference));
            }
            var deployment = created.Deployment;
            WriteVerbose("Created deployment " + deployment.Id + " of " + reference + " to " + environment + ".");
            if (CiOutputName != null) HandOn(CiOutputName, deployment);
            var what = "Deployment " + deployment.Id + " of " + reference + " to " + environment;

            // The status the deployment ends with, once the script has ended (until then a stop reports "cancelled"),
            // and whether it has been reported: after that, a PipelineStoppedException is our own terminating error
            // or a consumer that stopped early (Select-Object -First), not Ctrl+C, and nothing more is posted.
            StatusRequest? final = null;
            var reported = false;
            try
            {
                Post(deployment, new StatusRequest("in_progress") { LogUrl = logUrl, Description = Description ?? StatusRequest.Truncate("Deploying " + reference + " to " + environment) });
                try
                {
                    RunScript();
                }
                catch (ExitException exit)
                {
                    // `exit N` in the script block: its code decides, and the exit goes on up to end the script as asked.
                    var code = ExitCode(exit.Argument);
                    final = Succeeded(code) ? Success(logUrl) : Failed(logUrl, "The deployment script exited with code " + Number(code));
                    if (!Succeeded(code)) ciLog.Error(what + " failed: " + final.Description);
                    PostFinal(final);
                    reported = true;
                    throw;
                }
                catch (FlowControlException)
                {
                    // break or continue aimed at a loop around the cmdlet: the script ended without an error.
                    final = Success(logUrl);
                    PostFinal(final);
                    reported = true;
                    throw;
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    var record = ex is IContainsErrorRecord withRecord ? withRecord.ErrorRecord
                        : new ErrorRecord(ex, ErrorIds.DeploymentScriptFailed, ErrorCategory.NotSpecified, deployment);
                    final = new StatusRequest("failure")
                    {
                        LogUrl = logUrl,
                        Description = StatusRequest.Truncate(FirstLine(record.ErrorDetails?.Message ?? record.Exception?.Message ?? ex.Message)),
                    };
                    ciLog.Error(what + " failed: " + final.Description);
                    PostFinal(final);
                    reported = true;
                    throw Terminate(record);
                }
                // A native command that failed throws nothing: its exit code says it ($LASTEXITCODE, set 0 before the script ran).
                var exitCode = LastExitCode();
                if (!Succeeded(exitCode))
                {
                    var message = "The deployment script's last native command exited with code " + Number(exitCode)
                        + (SuccessExitCode.Length == 1 && SuccessExitCode[0] == 0 ? "" : " (success: " + string.Join(", ", SuccessExitCode) + ")");
                    final = Failed(logUrl, message);
                    ciLog.Error(what + " failed: " + final.Description);
                    PostFinal(final);
                    reported = true;
                    throw Terminate(new ErrorRecord(new InvalidOperationException(message + "; deployment " + Number(deployment.Id) + " is marked failure."
                        + " If this tool's non-zero codes are not failures, name the codes that mean success with -SuccessExitCode."),
                        ErrorIds.DeploymentScriptFailed, ErrorCategory.NotSpecified, deployment));
                }
                final = Success(logUrl);
                GhDeploymentStatus success;
                try { success = Post(deployment, final); }
                catch (Exception ex) when (Failures.IsItemFailure(ex))
                {
                    reported = true;
                    var record = Failure(ex, deployment);
                    ciLog.Error(what + " succeeded, but its success status could not be posted: " + Errors.Message(record));
                    throw Terminate(record);
                }
                reported = true;
                if (PassThru) WriteObject(success);
            }
            catch (PipelineStoppedException) when (!reported)
            {
                // Ctrl+C: report it (or, when the script had already ended, the outcome whose report was cut short).
                var api = Api;
                var notice = final ?? new StatusRequest("error") { LogUrl = logUrl, Description = "cancelled" };
                if (final == null) ciLog.Warning(what + " was cancelled.");
                RunAfterStop(t => api.CreateStatusAsync(repository, deployment.Id, notice, t), cancelNoticeLimit);
                throw;
            }
            catch (Exception ex) when (final == null && Failures.IsItemFailure(ex))
            {
                // The in_progress status could not be posted: the script does not run.
                var record = Failure(ex, deployment);
                ciLog.Error(what + " did not start, its in_progress status could not be posted: " + Errors.Message(record));
                throw Terminate(record);
            }

            StatusRequest Success(Uri? log) => new StatusRequest("success")
            {
                LogUrl = log,
                EnvironmentUrl = EnvironmentUrl,
                Description = Description ?? StatusRequest.Truncate("Deployed " + reference + " to " + environment),
            };

            StatusRequest Failed(Uri? log, string description) =>
                new StatusRequest("failure") { LogUrl = log, Description = StatusRequest.Truncate(description) };

            GhDeploymentStatus Post(GhDeployment target, StatusRequest status) =>
                Run(t => Api.CreateStatusAsync(repository, target.Id, status, t));

            // The outcome of a script that has ended; a status that cannot be posted is this deployment's error (and a warning on the run's page).
            void PostFinal(StatusRequest status)
            {
                try { Post(deployment, status); }
                catch (Exception ex) when (Failures.IsItemFailure(ex))
                {
                    var record = Failure(ex, deployment);
                    WriteError(record);
                    ciLog.Warning(what + ": its " + status.State + " status could not be posted: " + Errors.Message(record));
                }
            }
        }

        internal override string? Advise(Exception failure) => DeploymentInput.ConflictOf(failure) switch
        {
            DeploymentConflictKind.StatusChecks => "The script did not run. Wait for the checks, or skip them with -SkipStatusCheck.",
            null => null,
            _ => "The script did not run.",
        };

        /// <summary>
        /// Runs the script block as a steppable pipeline bound to this cmdlet, as proxy commands do: its output and
        /// its non-terminating errors go on down the pipeline while it runs, so nothing it wrote before a failure is
        /// lost, and a consumer that stops early (Select-Object -First) stops the script too (reported cancelled).
        /// </summary>
        void RunScript()
        {
            SessionState.PSVariable.Set(LastExitCodeVariable, 0);
            var runner = ScriptBlock.Create("param($deployScript) & $deployScript");
            using var pipeline = runner.GetSteppablePipeline(CommandOrigin.Internal, new object?[] { ScriptBlock });
            pipeline.Begin(this);
            pipeline.Process();
            pipeline.End();
        }

        const string LastExitCodeVariable = "global:LASTEXITCODE";

        bool Succeeded(int code) => Array.IndexOf(SuccessExitCode, code) >= 0;

        /// <summary>$LASTEXITCODE after the script: its last native command's exit code (0 when it ran none).</summary>
        int LastExitCode() => ExitCode(SessionState.PSVariable.GetValue(LastExitCodeVariable));

        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

        static int ExitCode(object? argument)
        {
            var value = argument is PSObject ps ? ps.BaseObject : argument;
            try { return value == null ? 0 : System.Convert.ToInt32(value, CultureInfo.InvariantCulture); }
            catch (Exception) { return 1; }
        }

        static string FirstLine(string text)
        {
            var trimmed = text.Trim();
            var end = trimmed.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? trimmed : trimmed.Substring(0, end).TrimEnd();
        }
    }
}
