using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using DeploymentStatus.Http;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>Connect-GhAccount: builds the runspace's one authenticated GitHub client.</summary>
    [Cmdlet(VerbsCommunications.Connect, "GhAccount", DefaultParameterSetName = "Environment")]
    [OutputType(typeof(GhContext))]
    public sealed class ConnectGhAccountCommand : GhCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Token")]
        public SecureString? Token { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Credential")]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? ApiUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? HostName { get; set; }

        [Parameter]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter]
        [Alias("Repo")]
        [ValidateGitHubRepository]
        public string? Repository { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        [Parameter]
        public GhHttpPolicy? Policy { get; set; }

        [Parameter]
        public SwitchParameter Validate { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void End()
        {
            if (ApiUri != null && HostName != null)
                throw Terminate(new ArgumentException("Give -ApiUri or -HostName, not both."), "GhInvalidHost", ErrorCategory.InvalidArgument);
            var environment = ProcessEnvironment;
            Uri apiUri;
            try { apiUri = ConnectionSettings.ResolveApiUri(ApiUri, HostName, environment); }
            catch (ArgumentException ex) { throw Terminate(ex, "GhInvalidHost", ErrorCategory.InvalidArgument); }

            SecureString token;
            GhTokenSource source;
            if (Token != null) (token, source) = (Token, GhTokenSource.Parameter);
            else if (Credential != null) (token, source) = (Credential.Password, GhTokenSource.Credential);
            else
            {
                var fromEnvironment = ConnectionSettings.TokenFromEnvironment(apiUri, environment)
                    ?? throw Terminate(new InvalidOperationException("No token: pass -Token or -Credential, or set " +
                        (ConnectionSettings.IsGitHubCloud(apiUri) ? "GH_TOKEN or GITHUB_TOKEN." : "GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN.")),
                        Errors.NotConnected, ErrorCategory.AuthenticationError);
                (token, source) = fromEnvironment;
            }
            try { token = ConnectionSettings.CheckToken(token); }
            catch (ArgumentException ex) { throw Terminate(ex, Errors.NotConnected, ErrorCategory.AuthenticationError); }

            var policy = Policy?.Clone() ?? new GhHttpPolicy();
            if (TimeoutSec > 0) policy.TimeoutSeconds = TimeoutSec;
            try { policy.Validate(); }
            catch (ArgumentException ex) { throw Terminate(ex, "GhInvalidPolicy", ErrorCategory.InvalidArgument); }

            var session = new GhSession(apiUri, token, source, policy, Owner, Repository);
            if (Validate)
            {
                try { Run(t => session.Connection.Get<object>(new Uri("user", UriKind.Relative), null, null, t)); }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    session.Dispose();
                    var record = Errors.From(ex, apiUri);
                    ThrowTerminatingError(record);
                }
            }
            GhSession.Set(Runspace.DefaultRunspace, session);
            WriteVerbose("Connected to " + apiUri + " with the token from " + source + ".");
            if (PassThru) WriteObject(GhContext.From(session));
        }
    }
}
