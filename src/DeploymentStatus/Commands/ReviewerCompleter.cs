using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Tab completion of -Reviewer: the reviewers of the repository's environments that the session already knows
    /// (<see cref="EnvironmentCompleter"/>'s cache). It never sends a request: GitHub has no list of the users and teams
    /// that may review, and listing an organization's members would cost a request for every Tab.
    /// </summary>
    public sealed class ReviewerCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            EnvironmentCompleter.Complete(wordToComplete, EnvironmentCompleter.Known(fakeBoundParameters, ask: false).SelectMany(e => e.Reviewers));
    }
}
