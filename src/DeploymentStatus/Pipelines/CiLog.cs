using System;
using System.IO;

namespace DeploymentStatus.Pipelines
{
    /// <summary>
    /// The CI run's log as a cmdlet writes to it: collapsible groups and problems for the summary page
    /// (<see cref="CiCommands"/>), on the process's standard output, which the runner reads. Outside CI it writes nothing. It
    /// is never given a secret: what it writes is the module's own titles and messages, which hold none.
    /// </summary>
    internal sealed class CiLog
    {
        readonly TextWriter stdout;

        public CiLog(CiEnvironment environment, TextWriter stdout)
        {
            Kind = environment.Kind;
            this.stdout = stdout;
        }

        public CiKind Kind { get; }

        /// <summary>Opens a group titled <paramref name="title"/>; disposing the result closes it (once).</summary>
        public IDisposable Group(string title)
        {
            var start = CiCommands.GroupStartCommand(Kind, title);
            if (start == null) return new Closer(null);
            CiCommands.WriteLine(stdout, start);
            return new Closer(() => CiCommands.WriteLine(stdout, CiCommands.GroupEndCommand(Kind)!));
        }

        public void Warning(string message) => Issue(CiIssue.Warning, message);

        public void Error(string message) => Issue(CiIssue.Error, message);

        void Issue(CiIssue level, string message)
        {
            var line = CiCommands.IssueCommand(Kind, level, message);
            if (line != null) CiCommands.WriteLine(stdout, line);
        }

        sealed class Closer : IDisposable
        {
            Action? close;
            public Closer(Action? close) => this.close = close;

            public void Dispose()
            {
                var action = close;
                close = null;
                action?.Invoke();
            }
        }
    }
}
