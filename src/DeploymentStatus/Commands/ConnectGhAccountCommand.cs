using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Security.Cryptography;
using DeploymentStatus.GitHub;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>Connect-GhAccount: builds the runspace's one authenticated GitHub client.</summary>
    [Cmdlet(VerbsCommunications.Connect, "GhAccount", DefaultParameterSetName = "Environment")]
    [OutputType(typeof(GhContext))]
    public sealed class ConnectGhAccountCommand : GhCmdlet
    {
        const string AppSet = "GitHubApp";

        [Parameter(Mandatory = true, ParameterSetName = "Token")]
        [SecureTokenTransformation]
        public SecureString? Token { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Credential")]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The app's ID (digits) or client ID (Iv1.…): it goes into the JWT's iss claim, so only these characters.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AppSet)]
        [ValidatePattern(@"^[A-Za-z0-9._-]{1,100}\z")]
        public string? AppId { get; set; }

        /// <summary>A path, not a secret: the key itself is read from the file and never held as a string.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AppSet)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? PrivateKeyPath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AppSet)]
        [ValidateRange(1L, long.MaxValue)]
        public long InstallationId { get; set; }

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
                throw Terminate(new ArgumentException("Give -ApiUri or -HostName, not both."), ErrorIds.InvalidHost, ErrorCategory.InvalidArgument);
            var environment = Ci;
            Uri apiUri;
            try { apiUri = ConnectionSettings.ResolveApiUri(ApiUri, HostName, environment); }
            catch (ArgumentException ex) { throw Terminate(ex, ErrorIds.InvalidHost, ErrorCategory.InvalidArgument); }

            var policy = Policy?.Clone() ?? new GhHttpPolicy();
            if (TimeoutSec > 0) policy.TimeoutSeconds = TimeoutSec;
            try { policy.Validate(); }
            catch (ArgumentException ex) { throw Terminate(ex, ErrorIds.InvalidPolicy, ErrorCategory.InvalidArgument); }

            if (ParameterSetName == AppSet)
            {
                ConnectAsApp(apiUri, policy);
                return;
            }

            SecureString token;
            GhTokenSource source;
            if (Token != null) (token, source) = (Token, GhTokenSource.Parameter);
            else if (Credential != null) (token, source) = (Credential.Password, GhTokenSource.Credential);
            else
            {
                var fromEnvironment = ConnectionSettings.TokenFromEnvironment(apiUri, environment)
                    ?? throw Terminate(new InvalidOperationException("No token: pass -Token or -Credential, or set " +
                        ConnectionSettings.TokenVariables(apiUri) + "."),
                        ErrorIds.NotConnected, ErrorCategory.AuthenticationError);
                (token, source) = fromEnvironment;
            }
            try { token = ConnectionSettings.CheckToken(token); }
            catch (ArgumentException ex) { throw Terminate(ex, ErrorIds.NotConnected, ErrorCategory.AuthenticationError); }

            var session = new GhSession(apiUri, token, source, policy, Owner, Repository);
            if (Validate)
            {
                try { Run(t => session.Api.GetAuthenticatedUserAsync(t)); }
                catch (Exception ex) when (Failures.IsItemFailure(ex))
                {
                    session.Dispose();
                    throw Terminate(Errors.From(ex, apiUri, CredentialAdvice.For(ex, session, validating: true)));
                }
            }
            GhSession.Set(Runspace.DefaultRunspace, session);
            WriteVerbose("Connected to " + apiUri + " with the token from " + source + ".");
            if (PassThru) WriteObject(session.ToContext());
        }

        /// <summary>
        /// Reads the app's key now (a missing or bad file fails here, naming the file, never quoting it); the first
        /// installation token is minted by the first request, or right away with -Validate (GET /user is no check for
        /// an installation token: GitHub answers it 403).
        /// </summary>
        void ConnectAsApp(Uri apiUri, GhHttpPolicy policy)
        {
            string path;
            try
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PrivateKeyPath, out var provider, out _);
                if (provider.Name != "FileSystem") throw new NotSupportedException("it belongs to the " + provider.Name + " provider.");
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is DriveNotFoundException || ex is ProviderNotFoundException
                || ex is NotSupportedException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                throw Terminate(new InvalidOperationException("The GitHub App private key path '" + PrivateKeyPath + "' is not a file-system path: " + ex.Message, ex),
                    ErrorIds.NotConnected, ErrorCategory.AuthenticationError);
            }
            RSA key;
            try { key = GitHubAppKey.Load(path); }
            catch (GitHubAppKeyException ex) { throw Terminate(ex, ErrorIds.NotConnected, ErrorCategory.AuthenticationError); }

            var session = new GhSession(apiUri, new GitHubAppIdentity(AppId!, InstallationId, key, path), policy, Owner, Repository);
            if (Validate)
            {
                try { Run(t => session.App!.RefreshAsync(t)); }
                catch (Exception ex) when (Failures.IsItemFailure(ex))
                {
                    session.Dispose();
                    throw Terminate(AppError(ex, apiUri, session.App!.AccessTokensPath));
                }
                catch
                {
                    session.Dispose();
                    throw;
                }
            }
            GhSession.Set(Runspace.DefaultRunspace, session);
            WriteVerbose("Connected to " + apiUri + " as GitHub App " + AppId + ", installation " + InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " (private key read from " + path + ")" + (Validate ? "; an installation token was minted." : "; the first request mints an installation token."));
            if (PassThru) WriteObject(session.ToContext());
        }

        /// <summary>A refused token request, said in terms of the parameters that cause it (the id and category stay GitHub's).</summary>
        ErrorRecord AppError(Exception ex, Uri apiUri, Uri path)
        {
            var record = Errors.From(ex, apiUri);
            if (!(ex is GitHubApiException api)) return record;
            var installation = InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var said = api.GitHubMessage;
            switch (api.Status)
            {
                case 401:
                    record.ErrorDetails = new ErrorDetails("GitHub answered 401 to POST " + path + ": " + said + ". Check that -AppId " + AppId
                        + " names the app and that " + PrivateKeyPath + " holds its current private key; a clock more than a minute ahead of GitHub's, or nine minutes behind, is refused too.");
                    break;
                case 404:
                    record.ErrorDetails = new ErrorDetails("GitHub answered 404 to POST " + path + ": GitHub App " + AppId + " has no installation " + installation
                        + ". Check -InstallationId (the number at the end of the installation's settings page).");
                    break;
            }
            return record;
        }
    }
}
