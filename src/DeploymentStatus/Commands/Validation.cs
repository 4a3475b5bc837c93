using System;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>An absolute http(s) URL: GitHub rejects anything else, so it is refused before a request is sent.</summary>
    public sealed class ValidateHttpUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject ps ? ps.BaseObject : arguments;
            if (!(value is Uri uri) || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ValidationMetadataException("'" + value + "' is not an absolute http:// or https:// URL.");
            if (Text.HasControlCharacter(uri.OriginalString))
                throw new ValidationMetadataException("The URL contains a control character.");
        }
    }

    /// <summary>
    /// Text that reaches a URL, a query or a body must hold no control characters (CR, LF, NUL …). On a
    /// <c>string[]</c> parameter PowerShell hands the whole array to the attribute, so every element is checked.
    /// </summary>
    public sealed class ValidateNoControlCharactersAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject ps ? ps.BaseObject : arguments;
            if (value is System.Collections.IEnumerable items && !(value is string))
            {
                foreach (var item in items) Check((item is PSObject p ? p.BaseObject : item) as string);
                return;
            }
            Check(value as string);
        }

        static void Check(string? value)
        {
            if (Text.HasControlCharacter(value))
                throw new ValidationMetadataException("'" + Text.Printable(value) + "' contains a control character (such as CR or LF), which GitHub would reject.");
        }
    }
}

namespace DeploymentStatus.Commands
{
    /// <summary>A name GitHub accepts as an owner (user or organization login).</summary>
    public sealed class ValidateGitHubOwnerAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            try { RepositoryName.CheckOwner((arguments is PSObject ps ? ps.BaseObject : arguments) as string ?? ""); }
            catch (ArgumentException ex) { throw new ValidationMetadataException(ex.Message); }
        }
    }

    /// <summary>An environment name GitHub accepts: 1 to 255 characters, no control characters.</summary>
    public sealed class ValidateEnvironmentNameAttribute : ValidateArgumentsAttribute
    {
        /// <summary>GitHub's limit on an environment name.</summary>
        public const int MaxLength = 255;

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = (arguments is PSObject ps ? ps.BaseObject : arguments) as string;
            if (string.IsNullOrEmpty(value) || value!.Length > MaxLength || Text.HasControlCharacter(value))
                throw new ValidationMetadataException("'" + Text.Printable(value) + "' is not an environment name: 1 to " + MaxLength + " characters, no control characters.");
        }
    }

    /// <summary>A reviewer: a user's login, or a team as ORG/TEAM-SLUG (every element of a string[]).</summary>
    public sealed class ValidateReviewerAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject ps ? ps.BaseObject : arguments;
            var items = value is System.Collections.IEnumerable list && !(value is string) ? list.Cast<object>() : new[] { value };
            foreach (var item in items)
            {
                try { ReviewerName.Parse((item is PSObject p ? p.BaseObject : item) as string ?? ""); }
                catch (GhInputException ex) { throw new ValidationMetadataException(ex.Message); }
            }
        }
    }

    /// <summary>A name GitHub accepts as a repository name.</summary>
    public sealed class ValidateGitHubRepositoryAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            try { RepositoryName.CheckRepository((arguments is PSObject ps ? ps.BaseObject : arguments) as string ?? ""); }
            catch (ArgumentException ex) { throw new ValidationMetadataException(ex.Message); }
        }
    }
}
