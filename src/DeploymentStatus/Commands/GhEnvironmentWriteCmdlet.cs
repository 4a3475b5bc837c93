using System;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that creates, changes or deletes one environment, named by -Name (a GhEnvironment binds from the pipeline),
    /// completed from the repository's environments. Such writes need administration: a refusal names the permission.
    /// </summary>
    public abstract class GhEnvironmentWriteCmdlet : GhRepositoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateEnvironmentName]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Name { get; set; } = "";

        internal override string? Advise(Exception failure) => PermissionAdvice.ForAdministration(failure, Session.TokenSource, Ci);
    }
}
