using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Session;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// What every cmdlet shares: the runspace's connection (made from the environment when there is none),
    /// blocking on GitHub calls in a way Ctrl+C interrupts at once, replaying the HTTP policy's messages on the
    /// pipeline thread, and turning failures into ErrorRecords. It hosts the workflows (<see cref="IWorkflowHost"/>).
    /// </summary>
    public abstract class GhCmdlet : PSCmdlet, IWorkflowHost
    {
        readonly CancellationTokenSource stop = new CancellationTokenSource();
        GhSession? session;
        OperationScope? scope;

        protected override void StopProcessing() => stop.Cancel();

        /// <summary>The process's environment variables and the CI they describe, read now.</summary>
        internal static CiEnvironment Ci => CiEnvironment.Process;

        /// <summary>The runspace's connection; a first call without Connect-GhAccount connects from the environment.</summary>
        internal GhSession Session => session ??= GhSession.Get(Runspace.DefaultRunspace) ?? ConnectFromEnvironment();

        internal GitHubApi Api => Session.Api;

        GhSession ConnectFromEnvironment()
        {
            var environment = Ci;
            Uri apiUri;
            try { apiUri = ConnectionSettings.ResolveApiUri(null, null, environment); }
            catch (ArgumentException ex) { throw Terminate(ex, ErrorIds.InvalidHost, ErrorCategory.InvalidArgument); }
            var token = ConnectionSettings.TokenFromEnvironment(apiUri, environment);
            if (token == null)
            {
                throw Terminate(new InvalidOperationException("Not connected to GitHub (" + apiUri.Host + "): run Connect-GhAccount, or set "
                    + ConnectionSettings.TokenVariables(apiUri) + "."),
                    ErrorIds.NotConnected, ErrorCategory.AuthenticationError);
            }
            GhSession created;
            try { created = new GhSession(apiUri, token.Value.Token, token.Value.Source, new GhHttpPolicy(), null, null); }
            catch (ArgumentException ex) { throw Terminate(ex, ErrorIds.NotConnected, ErrorCategory.AuthenticationError); }
            GhSession.Set(Runspace.DefaultRunspace, created);
            WriteVerbose("Connected to " + apiUri + " with the token from " + token.Value.Source + ".");
            return created;
        }

        /// <summary>
        /// The target repository: the parameters (or the piped object), else the connection's defaults, else the
        /// CI's (GITHUB_REPOSITORY, BUILD_REPOSITORY_NAME for GitHub repositories in Azure Pipelines). Missing is a
        /// setup failure (terminating); a malformed name is an item's failure (GhInputException).
        /// </summary>
        internal RepositoryName ResolveRepository(string? owner, string? name)
        {
            owner ??= Session.DefaultOwner;
            name ??= Session.DefaultRepository;
            if (owner == null || name == null)
            {
                var fromCi = Ci.Repository;
                if (fromCi != null)
                {
                    owner ??= fromCi.Value.Owner;
                    name ??= fromCi.Value.Name;
                }
            }
            if (owner == null || name == null)
                throw Terminate(new InvalidOperationException(
                    "No repository given: pass -Owner and -Repository, set defaults with Connect-GhAccount -Owner -Repository, " +
                    "or run where GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME (Azure Pipelines) is set."),
                    ErrorIds.RepositoryNotSpecified, ErrorCategory.InvalidArgument);
            return new RepositoryName(owner, name);
        }

        /// <summary>
        /// The scope of every GitHub operation of this command: its stop token, and the queue of messages the policy
        /// reports, replayed on the pipeline thread whenever the command waits (so an operation started ahead of its use
        /// is heard too).
        /// </summary>
        OperationScope Scope => scope ??= new OperationScope(stop.Token);

        /// <summary>The repository of the current item; a cmdlet with -Owner and -Repository takes them first.</summary>
        internal virtual RepositoryName ResolveRepository() => ResolveRepository(null, null);

        /// <summary>
        /// One item's request, the sequence every such cmdlet follows: resolve the repository; when the request changes
        /// something, ask ShouldProcess (<paramref name="change"/> names the target and the action); call GitHub; write
        /// what it returns, if anything (or hand it to <paramref name="output"/>). A failure is this item's error, and the
        /// pipeline goes on; the result says whether there was none.
        /// </summary>
        internal bool Request<T>(object? target, Func<RepositoryName, CancellationToken, Task<T>> call,
            Func<RepositoryName, (string Target, string Action)>? change = null, Action<T>? output = null) =>
            TryItem(target, () =>
            {
                var repository = ResolveRepository();
                if (change != null)
                {
                    var (what, action) = change(repository);
                    if (!ShouldProcess(what, action)) return;
                }
                var result = Run(t => call(repository, t));
                if (output != null) output(result);
                else if (result != null) WriteObject(result);
            });

        /// <summary>Whether the command runs under -WhatIf (given, or $WhatIfPreference): it changes nothing, and says what it would do.</summary>
        internal bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
            ? LanguagePrimitives.IsTrue(given)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>"octo-org/hello-world deployment 42": what a change to one deployment is shown as (-WhatIf, -Confirm).</summary>
        internal static string DeploymentTarget(RepositoryName repository, long id) => repository + " deployment " + id;

        /// <summary>
        /// The ref to deploy: <paramref name="given"/>, else the commit the CI run builds when the deployment is of the run's
        /// own repository (<see cref="CiDefaults.Ref"/>, said with -Verbose); neither is a setup failure naming both.
        /// </summary>
        internal string RefOrCiDefault(string? given, RepositoryName repository)
        {
            if (!string.IsNullOrEmpty(given)) return given!;
            var fromCi = CiDefaults.Ref(Ci, repository.Owner, repository.Name);
            if (fromCi == null)
                throw Terminate(new InvalidOperationException(
                    "No ref given: pass -Ref, or run in Azure Pipelines (BUILD_SOURCEVERSION of a GitHub repository) or GitHub Actions (GITHUB_SHA), " +
                    "where the run's own commit is the default for a deployment of the run's own repository (" + repository + " is not, or the run has no commit SHA)."),
                    ErrorIds.RefNotSpecified, ErrorCategory.InvalidArgument);
            WriteVerbose("-Ref defaults to " + fromCi.Value.Value + " (" + fromCi.Value.Variable + ").");
            return fromCi.Value.Value;
        }

        /// <summary>
        /// The environment to deploy to: <paramref name="given"/>, else the CI job's (<see cref="CiDefaults.Environment"/>, said
        /// with -Verbose), else null.
        /// </summary>
        internal string? EnvironmentOrCiDefault(string? given)
        {
            if (!string.IsNullOrEmpty(given)) return given;
            var fromCi = CiDefaults.Environment(Ci);
            if (fromCi == null) return null;
            WriteVerbose("-Environment defaults to " + fromCi.Value.Value + " (" + fromCi.Value.Variable + ").");
            return fromCi.Value.Value;
        }

        /// <summary>
        /// Runs a GitHub operation to its end, or until Ctrl+C, replaying its messages meanwhile (every 100 ms while it
        /// runs). The wait is Task.Wait's: a short spin, then a slim event, woken by the answer or the stop at once; no
        /// kernel wait handle per call (Task.AsyncWaitHandle's would be made, then finalized, for every request).
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> operation)
        {
            var scope = Scope;
            Task<T> task;
            using (scope.Enter()) task = operation(stop.Token);
            while (!task.IsCompleted)
            {
                try
                {
                    if (task.Wait(100, stop.Token)) break;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    throw new PipelineStoppedException();
                }
                catch (AggregateException)
                {
                    break;   // it ended in failure: GetResult below throws the failure itself
                }
                Replay(scope);
            }
            Replay(scope);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes a list as it streams in, a page at a time; after <paramref name="first"/> items it stops, reading no further page.</summary>
        internal void WritePages<T>(Pager<T> pager, ulong first = ulong.MaxValue) => WritePages(pager.NextAsync, first);

        /// <summary>As <see cref="WritePages{T}(Pager{T}, ulong)"/>, each page read by <paramref name="nextPage"/> (a pager's, wrapped).</summary>
        internal void WritePages<T>(Func<CancellationToken, Task<IReadOnlyList<T>?>> nextPage, ulong first = ulong.MaxValue)
        {
            while (first > 0)
            {
                var page = Run(nextPage);
                if (page == null) return;
                foreach (var item in page)
                {
                    if (first == 0) return;
                    WriteObject(item);
                    first--;
                }
            }
        }

        internal void Run(Func<CancellationToken, Task> operation) =>
            Run(async token => { await operation(token).ConfigureAwait(false); return true; });

        T IWorkflowHost.Run<T>(Func<CancellationToken, Task<T>> operation) => Run(operation);

        Task<T> IWorkflowHost.Start<T>(Func<CancellationToken, Task<T>> operation)
        {
            using (Scope.Enter()) return operation(stop.Token);
        }

        void IWorkflowHost.Progress(WorkProgress progress) =>
            WriteProgress(new ProgressRecord(1, progress.Activity, progress.Status)
            {
                CurrentOperation = progress.CurrentOperation,
                PercentComplete = progress.PercentComplete,
                SecondsRemaining = progress.SecondsRemaining,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });

        /// <summary>
        /// Runs a last request after the pipeline was stopped (such as the status that says a deployment was
        /// cancelled): bounded in time, its messages dropped, its failure ignored.
        /// </summary>
        internal static void RunAfterStop(Func<CancellationToken, Task> operation, TimeSpan limit)
        {
            using var deadline = new CancellationTokenSource(limit);
            var scope = new OperationScope(deadline.Token);
            Task task;
            using (scope.Enter()) task = operation(deadline.Token);
            try { task.Wait(limit); }
            catch (AggregateException) { }
            task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }

        void Replay(OperationScope scope)
        {
            while (scope.Messages.TryDequeue(out var message))
            {
                switch (message.Level)
                {
                    case LogLevel.Warning: WriteWarning(message.Text); break;
                    case LogLevel.Progress: WriteProgress(PolicyWait(message.Text)); break;
                    default: WriteVerbose(message.Text); break;
                }
            }
        }

        /// <summary>A wait of the HTTP policy (for GitHub's write budget) as a progress bar of its own; an empty text ends it.</summary>
        static ProgressRecord PolicyWait(string text) =>
            new ProgressRecord(2, "GitHub's write budget", text.Length > 0 ? text : "Done")
            {
                RecordType = text.Length > 0 ? ProgressRecordType.Processing : ProgressRecordType.Completed,
            };

        /// <summary>Runs one item's work; the module's own failures are written as this item's error and the pipeline goes on.</summary>
        protected bool TryItem(object? target, Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                WriteFailure(ex, target);
                return false;
            }
        }

        /// <summary>
        /// Writes one item's failure as its error, and the pipeline goes on; a refused credential (401) is no item's
        /// failure but the setup's, and ends the command.
        /// </summary>
        internal void WriteFailure(Exception failure, object? target)
        {
            var record = Failure(failure, target);
            if (CredentialAdvice.IsRefused(failure)) throw new TerminatingException(record);
            WriteItemError(record);
        }

        /// <summary>The failure's ErrorRecord, with the cmdlet's advice (<see cref="Advise"/>) and, for a refused credential, where it came from.</summary>
        internal ErrorRecord Failure(Exception failure, object? target)
        {
            var advice = Advise(failure);
            var credential = CredentialAdvice.IsRefused(failure) ? CredentialAdvice.For(failure, Session) : null;
            return Errors.From(failure, target, advice == null ? credential : credential == null ? advice : advice + " " + credential);
        }

        /// <summary>
        /// Writes one item's error; a cmdlet whose problems belong on the CI run's summary page (<see cref="ReportsProblemsToCi"/>)
        /// reports it there too.
        /// </summary>
        internal void WriteItemError(ErrorRecord record)
        {
            WriteError(record);
            if (ReportsProblemsToCi) CiLog.Error(Errors.Message(record));
        }

        /// <summary>Whether this command's failures are also reported to the CI run as errors (a CI step's own cmdlet, a long bulk run).</summary>
        internal virtual bool ReportsProblemsToCi => false;

        /// <summary>The CI run's log (groups, problems for the summary page); writes nothing outside CI.</summary>
        internal static CiLog CiLog => new CiLog(Ci, Console.Out);

        /// <summary>What to do about a failure, in this cmdlet's own terms (its parameters); added to the error's message.</summary>
        internal virtual string? Advise(Exception failure) => null;

        /// <summary>
        /// -CiOutputName: the deployment's id for later CI steps (CiCommands), said with -Verbose; a warning when there is
        /// no CI to hand it to, an error (the deployment stands) when the output file cannot be written. In CI the id and the
        /// repository also become job variables (<see cref="CiDefaults.DeploymentIdVariable"/>), which Complete-GhDeployment
        /// reads in a later step of the same job.
        /// </summary>
        internal void HandOn(string name, GhDeployment deployment)
        {
            var ci = Ci;
            var id = deployment.Id.ToString(CultureInfo.InvariantCulture);
            Report(CiCommands.SetOutput(name, id, ci, Console.Out), name);
            if (ci.Kind == CiKind.None) return;
            // For Complete-GhDeployment in a later step of the job, whatever the output's name.
            Report(CiCommands.SetJobVariable(CiDefaults.DeploymentIdVariable, id, ci, Console.Out), CiDefaults.DeploymentIdVariable);
            Report(CiCommands.SetJobVariable(CiDefaults.RepositoryVariable, deployment.Owner + "/" + deployment.Repository, ci, Console.Out), CiDefaults.RepositoryVariable);

            void Report(CiOutputResult result, string target)
            {
                if (result.Set) WriteVerbose(result.Message);
                else if (result.Failure != null)
                    WriteError(new ErrorRecord(new System.IO.IOException(result.Message, result.Failure), ErrorIds.CiOutputFailed, ErrorCategory.WriteError, target));
                else WriteWarning(result.Message);
            }
        }

        /// <summary>An exception that ends the cmdlet with this ErrorRecord (a setup failure, not an item's).</summary>
        internal static Exception Terminate(Exception exception, string errorId, ErrorCategory category) =>
            Terminate(Errors.Record(exception, errorId, category, null));

        /// <summary>An exception that ends the cmdlet, and the script, with this ErrorRecord (<see cref="ScriptTerminatingException"/>).</summary>
        internal static Exception Terminate(ErrorRecord record) => new TerminatingException(record);

        /// <summary>Carries a terminating ErrorRecord out of helpers to <see cref="Guard"/>, which ends the script with it.</summary>
        sealed class TerminatingException : Exception
        {
            public TerminatingException(ErrorRecord record) : base(record.Exception.Message) => Record = record;
            public ErrorRecord Record { get; }
        }

        protected sealed override void BeginProcessing() => Guard(Begin);
        protected sealed override void ProcessRecord() => Guard(Process);
        protected sealed override void EndProcessing() => Guard(End);

        protected virtual void Begin() { }
        protected virtual void Process() { }
        protected virtual void End() { }

        void Guard(Action step)
        {
            try { step(); }
            catch (TerminatingException ex) { throw new ScriptTerminatingException(ex.Record, GetType(), MyInvocation.MyCommand.Name); }
        }
    }
}
