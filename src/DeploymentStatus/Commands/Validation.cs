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

    /// <summary>A name GitHub accepts as a repository name; "owner/name" is answered with the parameters that take it.</summary>
    public sealed class ValidateGitHubRepositoryAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = (arguments is PSObject ps ? ps.BaseObject : arguments) as string ?? "";
            try { RepositoryName.CheckRepository(value); }
            catch (ArgumentException ex)
            {
                var parts = value.Split('/');
                if (parts.Length == 2 && IsName(parts[0], RepositoryName.CheckOwner) && IsName(parts[1], RepositoryName.CheckRepository))
                    throw new ValidationMetadataException("'" + value + "' is an owner and a repository together; give them apart: -Owner "
                        + parts[0] + " -Repository " + parts[1] + ".");
                throw new ValidationMetadataException(ex.Message);
            }
        }

        static bool IsName(string value, Func<string, string> check)
        {
            try { check(value); return true; }
            catch (ArgumentException) { return false; }
        }
    }

    /// <summary>
    /// A commit SHA as GitHub matches it: all 40 hexadecimal digits. GitHub compares a deployment's sha whole, so a short
    /// SHA (what tables show) would silently find nothing; it is refused before any request.
    /// </summary>
    public sealed class ValidateFullShaAttribute : ValidateArgumentsAttribute
    {
        public const int Length = 40;

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = (arguments is PSObject ps ? ps.BaseObject : arguments) as string ?? "";
            if (value.Length == Length && value.All(Uri.IsHexDigit)) return;
            var hex = value.Length > 0 && value.All(Uri.IsHexDigit);
            throw new ValidationMetadataException("'" + Text.Printable(value) + "' is not a full commit SHA: GitHub matches a deployment's SHA whole, "
                + "all " + Length + " hexadecimal digits, so " + (hex && value.Length < Length ? "a short SHA finds nothing. Give the full one (git rev-parse "
                + value + ", or the Sha property of a deployment); tables show only its first 7 digits." : "this would find nothing."));
        }
    }

    /// <summary>A deployment status description within GitHub's limit of 140 characters, said in those terms.</summary>
    public sealed class ValidateStatusDescriptionAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = (arguments is PSObject ps ? ps.BaseObject : arguments) as string;
            if (value == null || value.Length <= StatusRequest.MaxDescriptionLength) return;
            throw new ValidationMetadataException("The description has " + value.Length + " characters; GitHub's limit for a deployment status description is "
                + StatusRequest.MaxDescriptionLength + ". Shorten it, or put the details behind -LogUrl.");
        }
    }

    /// <summary>
    /// A token is a SecureString. Given a plain string, say how to make one, rather than PowerShell's words on types; the
    /// message never holds the string.
    /// </summary>
    public sealed class SecureTokenTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string)
                throw new ArgumentTransformationMetadataException("-Token takes a SecureString, so the token is not kept as plain text. "
                    + "Type it: -Token (Read-Host -AsSecureString 'GitHub token'); from a variable or a secret store: "
                    + "-Token (ConvertTo-SecureString $env:MY_TOKEN -AsPlainText -Force); or set GH_TOKEN and leave -Token out.");
            return inputData;
        }
    }
}
