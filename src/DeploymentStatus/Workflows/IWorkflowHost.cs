using System;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// What a workflow needs from whoever runs it (a cmdlet), all called on the caller's own thread, so the workflow
    /// never touches PowerShell's streams and the cmdlet never writes from another thread.
    /// </summary>
    internal interface IWorkflowHost
    {
        /// <summary>Runs a GitHub operation to its end, or until the user stops it (then it throws).</summary>
        T Run<T>(Func<CancellationToken, Task<T>> operation);

        /// <summary>Starts a GitHub operation that goes on while the workflow does something else; <see cref="Run"/> awaits it later.</summary>
        Task<T> Start<T>(Func<CancellationToken, Task<T>> operation);

        /// <summary>Whether to make a change (-WhatIf, -Confirm).</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>How far the work has come.</summary>
        void Progress(WorkProgress progress);
    }

    /// <summary>How far a long piece of work has come, for a progress bar.</summary>
    internal sealed class WorkProgress
    {
        public WorkProgress(string activity, string status)
        {
            Activity = activity;
            Status = status;
        }

        public string Activity { get; }
        public string Status { get; }
        public string? CurrentOperation { get; set; }
        /// <summary>0 to 100; -1 when the total is not known.</summary>
        public int PercentComplete { get; set; } = -1;
        /// <summary>The estimated time left, in seconds; -1 when not known.</summary>
        public int SecondsRemaining { get; set; } = -1;
        /// <summary>The work is over: the bar goes away.</summary>
        public bool Completed { get; set; }
    }
}
