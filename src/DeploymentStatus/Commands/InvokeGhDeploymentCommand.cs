using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Invoke-GhDeployment: wraps a deploy script in the deployment's whole lifecycle. Creates the deployment, posts
    /// in_progress, runs the script block (its output flows on), then posts success, or failure with the error's
    /// first line and rethrows it; a stopped pipeline posts error ("cancelled").
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GhDeployment", SupportsShouldProcess = true)]
    [OutputType(typeof(object))]
    public sealed class InvokeGhDeploymentCommand : GhCmdlet
    {
        static readonly TimeSpan cancelNoticeLimit = TimeSpan.FromSeconds(5);

        // Not positional, unlike the other cmdlets', so that the script block can be the first positional argument.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Repo")]
        [ValidateGitHubRepository]
        public string? Repository { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Ref { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Environment { get; set; } = "";

        [Parameter(Mandatory = true, Position = 0)]
        public ScriptBlock? ScriptBlock { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? EnvironmentUrl { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? LogUrl { get; set; }

        [Parameter]
        [ValidateLength(0, StatusRequest.MaxDescriptionLength)]
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

        protected override void Process()
        {
            var repository = ResolveRepository(Owner, Repository);
            if (!ShouldProcess(repository.ToString(), "Deploy '" + Ref + "' to " + Environment)) return;
            var logUrl = LogUrl ?? CiEnvironment.RunUrl(ProcessEnvironment);
            var request = new DeploymentRequest(Ref)
            {
                Environment = Environment,
                Task = Task,
                Description = Description,
                Payload = PayloadConverter.ToJsonValue(Payload),
                RequiredContexts = SkipStatusCheck ? new string[0] : null,
            };

            CreatedDeployment created;
            try { created = Run(t => Api.CreateDeploymentAsync(repository, request, t)); }
            catch (Exception ex) when (IsItemFailure(ex)) { ThrowTerminatingError(Errors.From(ex, Ref)); return; }
            if (created.Deployment == null)
            {
                ThrowTerminatingError(Errors.Record(new InvalidOperationException("No deployment was created, so the script did not run: " + created.MergeMessage),
                    "GhDeploymentNotCreated", ErrorCategory.ResourceUnavailable, Ref));
                return;
            }
            var deployment = created.Deployment;
            WriteVerbose("Created deployment " + deployment.Id + " of " + Ref + " to " + Environment + ".");

            // ThrowTerminatingError unwinds as a PipelineStoppedException too, so it is raised outside this try,
            // and only a real stop (Ctrl+C) posts the cancelled status.
            ErrorRecord? scriptFailure = null;
            try
            {
                Post(repository, deployment, new StatusRequest("in_progress") { LogUrl = logUrl, Description = Description ?? StatusRequest.Truncate("Deploying " + Ref + " to " + Environment) });
                Collection<PSObject>? output = null;
                try
                {
                    output = InvokeCommand.InvokeScript(false, ScriptBlock, null);
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    scriptFailure = ex is IContainsErrorRecord withRecord ? withRecord.ErrorRecord
                        : new ErrorRecord(ex, "GhDeploymentScriptFailed", ErrorCategory.NotSpecified, deployment);
                    TryItem(deployment, () => Post(repository, deployment, new StatusRequest("failure")
                    {
                        LogUrl = logUrl,
                        Description = StatusRequest.Truncate(FirstLine(scriptFailure.ErrorDetails?.Message ?? ex.Message)),
                    }));
                }
                if (output != null)
                {
                    // The status first: a downstream Select-Object -First may stop the pipeline while output is written.
                    var success = Post(repository, deployment, new StatusRequest("success")
                    {
                        LogUrl = logUrl,
                        EnvironmentUrl = EnvironmentUrl,
                        Description = Description ?? StatusRequest.Truncate("Deployed " + Ref + " to " + Environment),
                    });
                    WriteObject(output, true);
                    if (PassThru) WriteObject(success);
                }
            }
            catch (PipelineStoppedException) when (StopToken.IsCancellationRequested)
            {
                var api = Api;
                RunAfterStop(t => api.CreateStatusAsync(repository, deployment.Id,
                    new StatusRequest("error") { LogUrl = logUrl, Description = "cancelled" }, Session.Policy, t), cancelNoticeLimit);
                throw;
            }
            if (scriptFailure != null) ThrowTerminatingError(scriptFailure);
        }

        GhDeploymentStatus Post(RepositoryName repository, GhDeployment deployment, StatusRequest request) =>
            Run(t => Api.CreateStatusAsync(repository, deployment.Id, request, Session.Policy, t));

        static string FirstLine(string text)
        {
            var trimmed = text.Trim();
            var end = trimmed.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? trimmed : trimmed.Substring(0, end).TrimEnd();
        }
    }
}
