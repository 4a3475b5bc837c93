using System.Collections.Concurrent;
using DeploymentStatus.Http;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Tests;

/// <summary>
/// Runs a workflow as a cmdlet would (every GitHub call inside an <see cref="OperationScope"/> with the host's token, on
/// the caller's thread), agreeing to every change and keeping the policy's messages.
/// </summary>
internal sealed class WorkflowHost(CancellationToken token = default) : IWorkflowHost
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public T Run<T>(Func<CancellationToken, Task<T>> operation) => Start(operation).GetAwaiter().GetResult();

    public Task<T> Start<T>(Func<CancellationToken, Task<T>> operation)
    {
        var scope = new OperationScope(token);
        Task<T> task;
        using (scope.Enter()) task = operation(token);
        return task.ContinueWith(t =>
        {
            while (scope.Messages.TryDequeue(out var m)) Messages.Enqueue(m.Level + ": " + m.Text);
            return t;
        }, TaskScheduler.Default).Unwrap();
    }

    public bool ShouldProcess(string target, string action) => true;

    public void Progress(WorkProgress progress) { }
}
