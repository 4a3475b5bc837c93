using System;
using System.IO;
using System.Net.Http;
using DeploymentStatus.Http;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// What a session takes from the machine it runs on, in one place, so that tests can give it their own: the clock of
    /// the policy's waits and of token lifetimes, the handler that does the I/O, the environment variables, and the
    /// standard output a CI runner reads.
    /// </summary>
    internal sealed class Machine
    {
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>The write budgets, one per token: the process's own, shared by all its sessions.</summary>
        public WriteBudgets Budgets { get; set; } = WriteBudgets.Process;

        /// <summary>The innermost HTTP handler; null: an HttpClientHandler with redirects off.</summary>
        public HttpMessageHandler? Wire { get; set; }

        public Func<CiEnvironment> Environment { get; set; } = () => CiEnvironment.Process;

        /// <summary>The process's standard output, which the CI runner reads (not a PowerShell stream).</summary>
        public Func<TextWriter> StandardOutput { get; set; } = () => Console.Out;
    }
}
