using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>Get-GhContext: the runspace's connection, never its token.</summary>
    [Cmdlet(VerbsCommon.Get, "GhContext")]
    [OutputType(typeof(GhContext))]
    public sealed class GetGhContextCommand : GhCmdlet
    {
        protected override void End()
        {
            var session = GhSession.Get(Runspace.DefaultRunspace);
            if (session != null) WriteObject(session.ToContext());
        }
    }
}
