using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Turns a -Payload (hashtable, PSCustomObject, nested arrays, or a JSON string) into dictionaries and lists that
    /// serialize as nested JSON, the way GitHub keeps a deployment's payload.
    /// </summary>
    internal static class PayloadConverter
    {
        const int MaxDepth = 32;

        public static object? ToJsonValue(object? value) => Convert(value, 0);

        /// <summary>
        /// A deployment's payload: GitHub takes a JSON object or a string, so the top level must be a hashtable
        /// (or any dictionary), a PSCustomObject or a string; null or nothing sends no payload.
        /// </summary>
        public static object? ToPayload(object? value)
        {
            var converted = Convert(value, 0);
            if (converted == null || converted is string || converted is IDictionary<string, object?>) return converted;
            var shown = value is PSObject ps ? ps.BaseObject : value;
            throw new GhInputException("The payload must be a hashtable, a PSCustomObject or a JSON string (GitHub keeps a JSON object); a "
                + shown!.GetType().FullName + " is not one.");
        }

        static object? Convert(object? value, int depth)
        {
            if (depth > MaxDepth) throw new GhInputException("The payload nests deeper than " + MaxDepth + " levels.");
            if (value is PSObject ps) value = ps.BaseObject is PSCustomObject ? ps : ps.BaseObject;
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case char c: return c.ToString();
                case bool b: return b;
                case DateTime d: return d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                case DateTimeOffset d: return d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                case Enum e: return e.ToString();
                case Uri u: return u.OriginalString;
                case Guid g: return g.ToString();
                case IDictionary map:
                    var result = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in map)
                        result[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = Convert(entry.Value, depth + 1);
                    return result;
                case PSObject custom:
                    var properties = new Dictionary<string, object?>();
                    foreach (var property in custom.Properties) properties[property.Name] = Convert(property.Value, depth + 1);
                    return properties;
                case IEnumerable list:
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(Convert(item, depth + 1));
                    return items;
            }
            if (IsNumber(value)) return value;
            throw new GhInputException("The payload holds a " + value.GetType().FullName + ", which has no JSON form; use hashtables, arrays, strings, numbers and booleans.");
        }

        static bool IsNumber(object value) =>
            value is int || value is long || value is short || value is byte || value is sbyte || value is uint || value is ulong
            || value is ushort || value is double || value is float || value is decimal;
    }
}
