using System;
using System.Threading;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// Sets an <see cref="AsyncLocal{T}"/> for the calls started until the result is disposed, then puts the previous
    /// value back: how a cmdlet's operation (<see cref="OperationScope"/>) and a call's marks (<see cref="GraphQLQuery"/>,
    /// <see cref="ConditionalRequest"/>) reach the policy handler under Octokit.
    /// </summary>
    internal static class AsyncLocalScope
    {
        public static IDisposable Set<T>(AsyncLocal<T> local, T value)
        {
            var restore = new Restore<T>(local, local.Value);
            local.Value = value;
            return restore;
        }

        sealed class Restore<T> : IDisposable
        {
            readonly AsyncLocal<T> local;
            readonly T previous;

            public Restore(AsyncLocal<T> local, T previous)
            {
                this.local = local;
                this.previous = previous;
            }

            public void Dispose() => local.Value = previous;
        }
    }
}
