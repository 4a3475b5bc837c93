using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Remove-GhEnvironment: DELETE …/environments/{name}, with its protection rules, secrets and deployments. It counts
    /// the environment's deployments first (one request), so that -WhatIf and -Confirm say what goes with it.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "GhEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveGhEnvironmentCommand : GhEnvironmentWriteCmdlet
    {
        protected override void Process() =>
            TryItem(Name, () =>
            {
                var repository = ResolveRepository();
                var count = Run(t => Api.CountDeploymentsAsync(repository, new Dictionary<string, string> { ["environment"] = Name }, t));
                var holds = count == 0 ? "no deployments" : count == 1 ? "1 deployment" : count.ToString(CultureInfo.InvariantCulture) + " deployments";
                if (!ShouldProcess(GhEnvironmentCmdlet.EnvironmentTarget(repository, Name) + ", which holds " + holds, "Delete the environment and what it holds")) return;
                Run(t => Api.DeleteEnvironmentAsync(repository, Name));
                Session.Environments.Forget(repository, Name);
            });
    }
}
