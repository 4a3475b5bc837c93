using System;
using System.Collections.Concurrent;
using System.Threading;

namespace DeploymentStatus.Http
{
    /// <summary>What a message is: verbose, a warning, or how a wait stands (shown as progress; an empty text ends it).</summary>
    internal enum LogLevel { Verbose, Warning, Progress }

    /// <summary>
    /// What one cmdlet operation hands down to the HTTP policy: its stop token (so every request is cancellable,
    /// including the Octokit calls that take no token) and a queue for messages, which the cmdlet replays on the
    /// pipeline thread. It flows with the async calls through an <see cref="AsyncLocal{T}"/>.
    /// </summary>
    internal sealed class OperationScope
    {
        static readonly AsyncLocal<OperationScope?> current = new AsyncLocal<OperationScope?>();

        public OperationScope(CancellationToken token) => Token = token;

        public static OperationScope? Current => current.Value;

        public CancellationToken Token { get; }

        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new ConcurrentQueue<(LogLevel, string)>();

        public static void Log(LogLevel level, string text) => current.Value?.Messages.Enqueue((level, text));

        /// <summary>Makes this scope current for the calls started until the returned value is disposed.</summary>
        public IDisposable Enter() => AsyncLocalScope.Set(current, (OperationScope?)this);
    }
}
