using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using DeploymentStatus.Http;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus
{
    /// <summary>Every GitHub failure becomes an ErrorRecord here, with a stable id, a category and GitHub's own message.</summary>
    internal static class Errors
    {
        public const string NotConnected = "GhNotConnected";

        public static ErrorRecord From(Exception exception, object? target)
        {
            switch (exception)
            {
                case GhFailureException failure:
                    return failure.Kind switch
                    {
                        GhFailureKind.RateLimited => Record(exception, "GhRateLimited", ErrorCategory.LimitsExceeded, target),
                        GhFailureKind.Timeout => Record(exception, "GhTimeout", ErrorCategory.OperationTimeout, target),
                        GhFailureKind.ServerError => Record(exception, "GhServerError", ErrorCategory.ConnectionError, target),
                        _ => Record(exception, "GhNetworkError", ErrorCategory.ConnectionError, target),
                    };
                case ApiException api:
                    return FromStatus(api, target);
                case HttpRequestException _:
                    return Record(exception, "GhNetworkError", ErrorCategory.ConnectionError, target);
                case ArgumentException _:
                    return Record(exception, "GhInvalidArgument", ErrorCategory.InvalidArgument, target);
                default:
                    return Record(exception, "GhUnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        static ErrorRecord FromStatus(ApiException api, object? target)
        {
            var status = (int)api.StatusCode;
            var message = Describe(api);
            return status switch
            {
                401 => Record(api, message, "GhAuthenticationFailed", ErrorCategory.AuthenticationError, target),
                403 => Record(api, message, "GhPermissionDenied", ErrorCategory.PermissionDenied, target),
                404 => Record(api, message, "GhNotFound", ErrorCategory.ObjectNotFound, target),
                409 => Record(api, message, "GhConflict", ErrorCategory.ResourceUnavailable, target),
                422 => Record(api, message, "GhValidationFailed", ErrorCategory.InvalidArgument, target),
                429 => Record(api, message, "GhRateLimited", ErrorCategory.LimitsExceeded, target),
                _ when status >= 500 => Record(api, message, "GhServerError", ErrorCategory.ConnectionError, target),
                _ => Record(api, message, "GhRequestFailed", ErrorCategory.InvalidOperation, target),
            };
        }

        /// <summary>"GitHub answered 422 Validation Failed: description is too long …", every error message included.</summary>
        internal static string Describe(ApiException api)
        {
            var status = (int)api.StatusCode;
            var text = api.ApiError?.Message ?? api.Message;
            var details = new List<string>();
            if (api.ApiError?.Errors != null)
                foreach (var error in api.ApiError.Errors)
                {
                    var detail = !string.IsNullOrEmpty(error.Message) ? error.Message
                        : string.Join(" ", new[] { error.Resource, error.Field, error.Code }.Where(s => !string.IsNullOrEmpty(s)));
                    if (!string.IsNullOrEmpty(detail)) details.Add(detail);
                }
            if (status == 409) details.AddRange(FailedContexts(api));
            if (status == 404) details.Add("GitHub answers 404 both for what does not exist and for what the token may not see");
            var result = string.Format(CultureInfo.InvariantCulture, "GitHub answered {0}: {1}", status, text);
            return details.Count == 0 ? result : result.TrimEnd('.') + ": " + string.Join("; ", details) + ".";
        }

        /// <summary>A 409 for failed status checks lists the contexts (errors[].contexts[]); name them and their states.</summary>
        static IEnumerable<string> FailedContexts(ApiException api)
        {
            if (!(api.HttpResponse?.Body is string body) || body.IndexOf("\"contexts\"", StringComparison.Ordinal) < 0) yield break;
            object? parsed;
            try { parsed = new SimpleJsonSerializer().Deserialize<object>(body); }
            catch (Exception) { yield break; }
            if (!(parsed is IDictionary<string, object> root) || !root.TryGetValue("errors", out var errors) || !(errors is IEnumerable list)) yield break;
            foreach (var error in list.OfType<IDictionary<string, object>>())
                if (error.TryGetValue("contexts", out var contexts) && contexts is IEnumerable items)
                    foreach (var context in items.OfType<IDictionary<string, object>>())
                        yield return string.Format(CultureInfo.InvariantCulture, "status check '{0}' is {1}",
                            context.TryGetValue("context", out var name) ? name : "?", context.TryGetValue("state", out var state) ? state : "?");
        }

        public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target) =>
            Record(exception, exception.Message, errorId, category, target);

        static ErrorRecord Record(Exception exception, string message, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (message != exception.Message) record.ErrorDetails = new ErrorDetails(message);
            return record;
        }
    }
}
