using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhContext: the runspace's connection, never its token, and what the module found out about the CI run.</summary>
    [Cmdlet(VerbsCommon.Get, "GhContext")]
    [OutputType(typeof(GhContext))]
    public sealed class GetGhContextCommand : GhCmdlet
    {
        protected override void End()
        {
            var session = GhSession.Get(Runspace.DefaultRunspace);
            if (session == null) return;
            var context = session.ToContext();
            context.Ci = Detect(Ci);
            WriteObject(context);
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
