namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Every ErrorId the module writes, in one place: users match on these (FullyQualifiedErrorId), so they never change.
    /// The list in about_DeploymentStatus follows this one.
    /// </summary>
    internal static class ErrorIds
    {
        // GitHub's answers and the HTTP policy's verdicts
        public const string AuthenticationFailed = "GhAuthenticationFailed";
        public const string PermissionDenied = "GhPermissionDenied";
        public const string NotFound = "GhNotFound";
        public const string Conflict = "GhConflict";
        public const string ValidationFailed = "GhValidationFailed";
        public const string RequestFailed = "GhRequestFailed";
        public const string RateLimited = "GhRateLimited";
        public const string ServerError = "GhServerError";
        public const string NetworkError = "GhNetworkError";
        public const string Timeout = "GhTimeout";
        public const string GraphQLError = "GhGraphQLError";
        public const string InvalidResponse = "GhInvalidResponse";
        public const string UnexpectedError = "GhUnexpectedError";

        // Set-up and input
        public const string NotConnected = "GhNotConnected";
        public const string InvalidHost = "GhInvalidHost";
        public const string InvalidPolicy = "GhInvalidPolicy";
        public const string InvalidArgument = "GhInvalidArgument";
        public const string RepositoryNotSpecified = "GhRepositoryNotSpecified";
        public const string RunNotSpecified = "GhRunNotSpecified";
        public const string RefNotSpecified = "GhRefNotSpecified";
        public const string EnvironmentNotSpecified = "GhEnvironmentNotSpecified";
        public const string DeploymentNotSpecified = "GhDeploymentNotSpecified";
        public const string JobStatusUnknown = "GhJobStatusUnknown";

        // Deployments and CI
        public const string DeploymentNotCreated = "GhDeploymentNotCreated";
        public const string DeploymentScriptFailed = "GhDeploymentScriptFailed";
        public const string CiOutputFailed = "GhCiOutputFailed";
        public const string DeploymentFailed = "GhDeploymentFailed";

        // Environments and approvals
        public const string NotCustomBranches = "GhNotCustomBranches";
        public const string NotPending = "GhNotPending";
        public const string NotAReviewer = "GhNotAReviewer";
    }
}
