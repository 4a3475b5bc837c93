using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;

namespace DeploymentStatus.Commands
{
    /// <summary>Every failure becomes an ErrorRecord here, with a stable id, a category and the module's message (GitHub's own words in it).</summary>
    internal static class Errors
    {
        /// <param name="advice">What to do about it, in the cmdlet's own terms; added after the message.</param>
        public static ErrorRecord From(Exception exception, object? target, string? advice = null)
        {
            var (id, category) = exception switch
            {
                GhStateException state => state.Problem switch
                {
                    GhStateProblem.NotCustomBranches => (ErrorIds.NotCustomBranches, ErrorCategory.InvalidOperation),
                    GhStateProblem.NotAReviewer => (ErrorIds.NotAReviewer, ErrorCategory.PermissionDenied),
                    _ => (ErrorIds.NotPending, ErrorCategory.ObjectNotFound),
                },
                GitHubApiException api when api.Kind == GhFailureKind.Refused => ForStatus(api.Status),
                GraphQLException graphQL => graphQL.NotFound ? (ErrorIds.NotFound, ErrorCategory.ObjectNotFound) : (ErrorIds.GraphQLError, ErrorCategory.InvalidResult),
                GhFailureException failure => failure.Kind switch
                {
                    GhFailureKind.RateLimited => (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded),
                    GhFailureKind.Timeout => (ErrorIds.Timeout, ErrorCategory.OperationTimeout),
                    GhFailureKind.ServerError => (ErrorIds.ServerError, ErrorCategory.ConnectionError),
                    GhFailureKind.NetworkError => (ErrorIds.NetworkError, ErrorCategory.ConnectionError),
                    GhFailureKind.InvalidResponse => (ErrorIds.InvalidResponse, ErrorCategory.InvalidResult),
                    _ => (ErrorIds.UnexpectedError, ErrorCategory.NotSpecified),
                },
                ArgumentException _ => (ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument),
                _ => (ErrorIds.UnexpectedError, ErrorCategory.NotSpecified),
            };
            return Record(exception, id, category, target, advice);
        }

        static (string, ErrorCategory) ForStatus(int status) => status switch
        {
            401 => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            403 => (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied),
            404 => (ErrorIds.NotFound, ErrorCategory.ObjectNotFound),
            409 => (ErrorIds.Conflict, ErrorCategory.ResourceUnavailable),
            422 => (ErrorIds.ValidationFailed, ErrorCategory.InvalidArgument),
            _ => (ErrorIds.RequestFailed, ErrorCategory.InvalidOperation),
        };

        /// <summary>What an error says, as PowerShell shows it (the advice included).</summary>
        public static string Message(ErrorRecord record) => record.ErrorDetails?.Message ?? record.Exception.Message;

        public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target, string? advice = null)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (!string.IsNullOrEmpty(advice)) record.ErrorDetails = new ErrorDetails(Sentence(exception.Message) + " " + advice);
            return record;
        }

        /// <summary>The message as a sentence that advice may follow: GitHub's own words ("Bad credentials") end without a stop.</summary>
        static string Sentence(string message)
        {
            var text = message.TrimEnd();
            return text.Length == 0 || ".!?".IndexOf(text[text.Length - 1]) >= 0 ? text : text + ".";
        }
    }
}
