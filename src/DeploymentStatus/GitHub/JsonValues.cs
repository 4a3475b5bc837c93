using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace DeploymentStatus.GitHub
{
    /// <summary>Converts what Octokit's serializer parsed (dictionaries, lists, primitives) into ordered dictionaries and arrays.</summary>
    internal static class JsonValues
    {
        public static OrderedDictionary ToOrderedDictionary(object? value)
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            if (value is IDictionary<string, object> map)
                foreach (var pair in map) result[pair.Key] = ToPlain(pair.Value);
            return result;
        }

        static object? ToPlain(object? value) => value switch
        {
            IDictionary<string, object> _ => ToOrderedDictionary(value),
            string s => s,
            IEnumerable list => ToArray(list),
            _ => value,
        };

        static object?[] ToArray(IEnumerable list)
        {
            var items = new List<object?>();
            foreach (var item in list) items.Add(ToPlain(item));
            return items.ToArray();
        }
    }
}
