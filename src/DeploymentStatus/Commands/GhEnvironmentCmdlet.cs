using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that acts on one environment of a repository, named by -Environment (alias -Name, so a GhEnvironment binds
    /// from the pipeline), completed from the repository's environments.
    /// </summary>
    public abstract class GhEnvironmentCmdlet : GhRepositoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateEnvironmentName]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        /// <summary>"octo-org/hello-world environment 'staging'": what a change to an environment is shown as (-WhatIf, -Confirm).</summary>
        internal static string EnvironmentTarget(GitHub.RepositoryName repository, string name) => repository + " environment '" + name + "'";
    }
}
