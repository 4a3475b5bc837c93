using System.Management.Automation;
using System.Management.Automation.Runspaces;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>Disconnect-GhAccount: forgets the runspace's client and its token.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "GhAccount")]
    [OutputType(typeof(void))]
    public sealed class DisconnectGhAccountCommand : GhCmdlet
    {
        protected override void End() => GhSession.Set(Runspace.DefaultRunspace, null);
    }
}
