using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Octokit.Internal;

namespace DeploymentStatus.GitHub
{
    internal enum DeploymentConflictKind { Other, MergeConflict, StatusChecks }

    /// <summary>
    /// Why GitHub answered 409 to a new deployment: merging the default branch into the ref conflicted
    /// (<c>{"message": "Conflict merging main into topic."}</c>), or required status checks have not passed
    /// (<c>errors[].contexts[]</c> lists every required context with its state).
    /// </summary>
    internal sealed class DeploymentConflict
    {
        DeploymentConflict(DeploymentConflictKind kind, string message, IReadOnlyList<KeyValuePair<string, string>> contexts)
        {
            Kind = kind;
            Message = message;
            Contexts = contexts;
        }

        public DeploymentConflictKind Kind { get; }

        /// <summary>GitHub's own message.</summary>
        public string Message { get; }

        /// <summary>Every required context GitHub named, with its state (status checks only).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Contexts { get; }

        /// <summary>The contexts that have not passed; every named one when GitHub marked none as failing.</summary>
        public IEnumerable<KeyValuePair<string, string>> Failing
        {
            get
            {
                var failing = Contexts.Where(c => !string.Equals(c.Value, "success", StringComparison.OrdinalIgnoreCase)).ToList();
                return failing.Count > 0 ? failing : Contexts;
            }
        }

        /// <param name="message">GitHub's message (ApiError.Message).</param>
        /// <param name="body">The response body as GitHub sent it (JSON), when there is one.</param>
        public static DeploymentConflict Read(string? message, string? body)
        {
            message = string.IsNullOrEmpty(message) ? "Conflict" : message!;
            var contexts = new List<KeyValuePair<string, string>>();
            var statusChecks = false;
            foreach (var error in ErrorsOf(body))
            {
                if (error.TryGetValue("field", out var field) && Equals(field, "required_contexts")) statusChecks = true;
                if (!error.TryGetValue("contexts", out var named) || !(named is IEnumerable items) || named is string) continue;
                statusChecks = true;
                foreach (var context in items.OfType<IDictionary<string, object>>())
                    contexts.Add(new KeyValuePair<string, string>(
                        context.TryGetValue("context", out var name) ? Convert.ToString(name) ?? "?" : "?",
                        context.TryGetValue("state", out var state) && state != null ? Convert.ToString(state) ?? "pending" : "pending"));
            }
            if (!statusChecks && message.IndexOf("status check", StringComparison.OrdinalIgnoreCase) >= 0) statusChecks = true;
            var kind = statusChecks ? DeploymentConflictKind.StatusChecks
                : message.IndexOf("merg", StringComparison.OrdinalIgnoreCase) >= 0 ? DeploymentConflictKind.MergeConflict
                : DeploymentConflictKind.Other;
            return new DeploymentConflict(kind, message, contexts);
        }

        /// <summary>A sentence for the error: what happened to which ref, then GitHub's words.</summary>
        public string Describe(string reference)
        {
            var github = "GitHub answered 409: " + Message.Trim();
            switch (Kind)
            {
                case DeploymentConflictKind.MergeConflict:
                    return "Merge conflict: GitHub could not merge the default branch into '" + reference + "' to deploy it (" + github.TrimEnd('.') + ").";
                case DeploymentConflictKind.StatusChecks:
                    var failing = string.Join(", ", Failing.Select(c => "'" + c.Key + "' is " + c.Value));
                    return "Required status checks have not passed on '" + reference + "'" + (failing.Length > 0 ? ": " + failing : "")
                        + " (" + github.TrimEnd('.') + ").";
                default:
                    return github;
            }
        }

        static IEnumerable<IDictionary<string, object>> ErrorsOf(string? body)
        {
            if (string.IsNullOrEmpty(body) || body!.IndexOf("\"errors\"", StringComparison.Ordinal) < 0) yield break;
            object? parsed;
            try { parsed = new SimpleJsonSerializer().Deserialize<object>(body); }
            catch (Exception) { yield break; }
            if (!(parsed is IDictionary<string, object> root) || !root.TryGetValue("errors", out var errors) || !(errors is IEnumerable list)) yield break;
            foreach (var error in list.OfType<IDictionary<string, object>>()) yield return error;
        }
    }
}
