using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Get-GhEnvironment: the repository's environments, a page of 100 at a time; one by -Name (GET …/environments/{name});
    /// or those whose names match -Name's wildcards (read from the list).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GhEnvironment")]
    [OutputType(typeof(GhEnvironment))]
    public sealed class GetGhEnvironmentCommand : GhRepositoryCmdlet
    {
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string[]? Name { get; set; }

        protected override void Process()
        {
            if (Name == null)
            {
                TryItem(null, () => WritePages(Api.ListEnvironments(ResolveRepository())));
                return;
            }
            var patterns = new List<WildcardPattern>();
            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name)) patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase));
                else Request(name, (repository, t) => Api.GetEnvironmentAsync(repository, WildcardPattern.Unescape(name), t));
            }
            if (patterns.Count > 0)
                TryItem(string.Join(", ", Name), () =>
                {
                    var pager = Api.ListEnvironments(ResolveRepository());
                    WritePages<GhEnvironment>(async t => (await pager.NextAsync(t).ConfigureAwait(false))?.Where(e => patterns.Any(p => p.IsMatch(e.Name))).ToList());
                });
        }
    }
}
