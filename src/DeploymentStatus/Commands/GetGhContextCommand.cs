using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Get-GhContext: the runspace's connection, never its token, and what the module found out about the CI run. When
    /// there is none, nothing, and a warning that says so and what the first cmdlet would connect with (a warning, not an
    /// error: "if (-not (Get-GhContext))" stays a test).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GhContext")]
    [OutputType(typeof(GhContext))]
    public sealed class GetGhContextCommand : GhCmdlet
    {
        protected override void End()
        {
            var session = GhSession.Get(Runspace.DefaultRunspace);
            if (session == null)
            {
                WriteWarning(NotConnected());
                return;
            }
            var context = session.ToContext();
            context.Ci = Detect(Ci);
            WriteObject(context);
        }

        /// <summary>"Not connected to GitHub. …": what Connect-GhAccount would do, and what the first cmdlet would connect with (never the token).</summary>
        static string NotConnected()
        {
            var environment = Ci;
            string then;
            try
            {
                var apiUri = ConnectionSettings.ResolveApiUri(null, null, environment);
                var token = ConnectionSettings.TokenFromEnvironment(apiUri, environment);
                then = token != null
                    ? "the first cmdlet will connect to " + apiUri + " with the token from " + token.Value.Source + "."
                    : "no token is set in the environment for " + apiUri.Host + " (" + ConnectionSettings.TokenVariables(apiUri) + "), so the first cmdlet would fail.";
            }
            catch (ArgumentException ex) { then = "the environment names no usable host: " + ex.Message; }
            return "Not connected to GitHub in this session: run Connect-GhAccount (with -Validate to check the token). Without it, " + then;
        }

        /// <summary>The CI's defaults as the cmdlets would take them; Ref for a deployment of the run's own repository.</summary>
        internal static GhCiContext Detect(CiEnvironment ci)
        {
            var repository = ci.Kind == CiKind.None ? null : ci.Repository;
            var reference = repository == null ? null : CiDefaults.Ref(ci, repository.Value.Owner, repository.Value.Name);
            var environment = CiDefaults.Environment(ci);
            var handedOn = CiDefaults.HandedOn(ci);
            return new GhCiContext
            {
                Kind = ci.Kind.ToString(),
                ClassicRelease = ci.IsClassicRelease,
                Repository = repository == null ? null : repository.Value.Owner + "/" + repository.Value.Name,
                Ref = reference?.Value,
                RefSource = reference?.Variable,
                Environment = environment?.Value,
                EnvironmentSource = environment?.Variable,
                LogUrl = CiDefaults.LogUrl(ci),
                JobStatus = CiDefaults.JobStatus(ci),
                DeploymentId = handedOn?.Id,
                DeploymentRepository = handedOn?.Owner == null ? null : handedOn.Owner + "/" + handedOn.Repository,
            };
        }
    }
}
