using System;
using System.Collections.Generic;
using System.Linq;

namespace DeploymentStatus.GitHub
{
    /// <summary>One page of a list and the address of the next one (from the Link header), if any.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, Uri? next, int? lastPage)
        {
            Items = items;
            Next = next;
            LastPage = lastPage;
        }

        public IReadOnlyList<T> Items { get; }
        public Uri? Next { get; }
        /// <summary>The number of the last page, from the Link header's rel="last", when GitHub gave it.</summary>
        public int? LastPage { get; }

        public Page<TOut> Select<TOut>(Func<T, TOut> map) => new Page<TOut>(Items.Select(map).ToList(), Next, LastPage);
    }
}
