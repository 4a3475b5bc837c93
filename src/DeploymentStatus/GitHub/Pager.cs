using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// A list of GitHub's, read a page at a time as the reader asks for it: the first page from its path and parameters,
    /// every next one from GitHub's Link header, so a reader that stops early (Select-Object -First) reads no further.
    /// </summary>
    internal sealed class Pager<T>
    {
        readonly Func<Uri?, CancellationToken, Task<Page<T>>> fetch;
        int skip;
        Uri? next;
        bool started;

        /// <param name="fetch">Reads the first page (null) or the page a Link header named.</param>
        /// <param name="skip">Items of the first page read that are not handed out (the rest of a -Skip that whole pages did not cover).</param>
        public Pager(Func<Uri?, CancellationToken, Task<Page<T>>> fetch, int skip = 0)
        {
            this.fetch = fetch;
            this.skip = skip;
        }

        /// <summary>How many items the list holds at most, from the first page's rel="last" link; null until then, or when GitHub did not say.</summary>
        public int? EstimatedCount { get; private set; }

        /// <summary>The next page's items; null once the list has been read to its end.</summary>
        public async Task<IReadOnlyList<T>?> NextAsync(CancellationToken token)
        {
            if (started && next == null) return null;
            var page = await fetch(next, token).ConfigureAwait(false);
            if (!started) EstimatedCount = page.LastPage * GitHubApi.PageSize;
            started = true;
            next = page.Next;
            if (skip == 0) return page.Items;
            var items = new List<T>(page.Items);
            items.RemoveRange(0, Math.Min(skip, items.Count));
            skip = 0;
            return items;
        }
    }
}
