using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace DeploymentStatus.Pipelines
{
    /// <summary>
    /// Every workflow command the module gives a CI runner, in one place (no message of the module quotes one: the Azure
    /// Pipelines agent acts on a command anywhere in a line). The runners read them from the process's
    /// standard output (Console.Out, not a PowerShell stream, which a host may format, buffer or drop) or, for GitHub
    /// Actions outputs, from the file named by GITHUB_OUTPUT.
    /// <list type="bullet">
    /// <item>Masking a secret minted at run time (a GitHub App installation token), before anything else can print it:
    /// <c>##vso[task.setsecret]VALUE</c> (Azure Pipelines), <c>::add-mask::VALUE</c> (GitHub Actions). These two lines
    /// are the only place the module ever prints a token, and only under those CIs; the runner hides the line itself
    /// and every later occurrence of the value.</item>
    /// <item>Handing a value to later steps: <c>##vso[task.setvariable variable=NAME;isOutput=true]VALUE</c> (Azure
    /// Pipelines), a <c>NAME=VALUE</c> line appended to <c>$GITHUB_OUTPUT</c> (GitHub Actions).</item>
    /// <item>A variable for the later steps of this job: <c>##vso[task.setvariable variable=NAME]VALUE</c> (Azure Pipelines;
    /// "Subsequent steps will also have the pipeline variable added to their environment",
    /// learn.microsoft.com/azure/devops/pipelines/process/variables), a <c>NAME=VALUE</c> line appended to <c>$GITHUB_ENV</c>
    /// (GitHub Actions, Environment files).</item>
    /// <item>Folding a log into a collapsible group: <c>##[group]TITLE</c> … <c>##[endgroup]</c> (Azure Pipelines' formatting
    /// commands), <c>::group::TITLE</c> … <c>::endgroup::</c> (GitHub Actions, Grouping log lines). Groups do not nest.</item>
    /// <item>A problem the run's summary page shows: <c>##vso[task.logissue type=warning|error]MESSAGE</c> (Azure Pipelines:
    /// "Log an error or warning message in the timeline record of the current task"; it does not change the task's result),
    /// <c>::warning::MESSAGE</c>, <c>::error::MESSAGE</c> (GitHub Actions annotations).</item>
    /// </list>
    /// https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands,
    /// https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
    /// </summary>
    internal static class CiCommands
    {
        /// <summary>Names a later step can use: letters, digits, '_' and '-' (nothing that could end or extend a command).</summary>
        public const string OutputNamePattern = @"^[A-Za-z0-9_-]+\z";

        static readonly Regex outputName = new Regex(OutputNamePattern, RegexOptions.CultureInvariant);

        static readonly Encoding utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public static bool IsValidOutputName(string? name) => name != null && outputName.IsMatch(name);

        // ---- masking

        /// <summary>The line that masks <paramref name="secret"/> under <paramref name="ci"/>; null outside CI.</summary>
        public static string? MaskCommand(CiKind ci, string secret) => ci switch
        {
            CiKind.AzurePipelines => "##vso[task.setsecret]" + EscapeAzureData(secret),
            CiKind.GitHubActions => "::add-mask::" + EscapeActionsData(secret),
            _ => null,
        };

        /// <summary>
        /// Writes the masking line for <paramref name="secret"/> to <paramref name="stdout"/> (the process's standard
        /// output) and flushes it, so the runner has it before anything that could print the secret; nothing outside CI.
        /// Returns the CI that was told.
        /// </summary>
        public static CiKind MaskSecret(string secret, CiEnvironment environment, TextWriter stdout)
        {
            var ci = environment.Kind;
            var line = MaskCommand(ci, secret);
            if (line == null) return CiKind.None;
            WriteLine(stdout, line);
            return ci;
        }

        /// <summary>Writes one command line to the process's standard output, flushed before and after, so it stays in order with the host's output.</summary>
        internal static void WriteLine(TextWriter stdout, string line)
        {
            lock (stdout)
            {
                stdout.Flush();
                stdout.Write(line + "\n");
                stdout.Flush();
            }
        }

        // ---- outputs for later steps

        /// <summary>The Azure Pipelines command that sets output variable <paramref name="name"/> of this step.</summary>
        public static string SetOutputCommand(string name, string value) =>
            "##vso[task.setvariable variable=" + EscapeAzureProperty(name) + ";isOutput=true]" + EscapeAzureData(value);

        /// <summary>The Azure Pipelines command that sets <paramref name="name"/> for the later steps of this job (not an output).</summary>
        public static string SetJobVariableCommand(string name, string value) =>
            "##vso[task.setvariable variable=" + EscapeAzureProperty(name) + "]" + EscapeAzureData(value);

        /// <summary>
        /// Hands <paramref name="value"/> to later steps as <paramref name="name"/>: under Azure Pipelines the setvariable
        /// command on <paramref name="stdout"/> (an output variable: later jobs read it as
        /// <c>dependencies.JOB.outputs['STEP.NAME']</c>, later steps of the job as <c>$(STEP.NAME)</c>); under GitHub
        /// Actions a <c>NAME=VALUE</c> line appended to the GITHUB_OUTPUT file (created when missing; UTF-8 without a BOM,
        /// ending in a line break; read as <c>steps.ID.outputs.NAME</c>). Outside CI nothing is set and the result says so.
        /// </summary>
        public static CiOutputResult SetOutput(string name, string value, CiEnvironment environment, TextWriter stdout) =>
            Hand(name, value, environment, stdout, "GITHUB_OUTPUT", "step output", SetOutputCommand(name, value),
                "Set the Azure Pipelines output variable " + name + " to " + value + " (read it as $(STEP." + name + ") in later steps, dependencies.JOB.outputs['STEP." + name + "'] in later jobs).",
                "read it as steps.<id>.outputs." + name);

        /// <summary>
        /// Sets <paramref name="name"/> for the later steps of this job, as an environment variable they see: under Azure
        /// Pipelines a job-scoped variable (setvariable without isOutput), under GitHub Actions a line appended to the
        /// GITHUB_ENV file. Outside CI nothing is set and the result says so.
        /// </summary>
        public static CiOutputResult SetJobVariable(string name, string value, CiEnvironment environment, TextWriter stdout) =>
            Hand(name, value, environment, stdout, "GITHUB_ENV", "job variable", SetJobVariableCommand(name, value),
                "Set the Azure Pipelines job variable " + name + " to " + value + " for the later steps of this job.",
                "later steps of this job see $env:" + name);

        static CiOutputResult Hand(string name, string value, CiEnvironment environment, TextWriter stdout,
            string fileVariable, string what, string azureCommand, string azureDone, string actionsRead)
        {
            if (!IsValidOutputName(name)) throw new ArgumentException("'" + name + "' is not a valid output name: use letters, digits, '_' and '-'.");
            if (value.IndexOfAny(new[] { '\r', '\n' }) >= 0) throw new ArgumentException("An output value cannot span lines.");
            switch (environment.Kind)
            {
                case CiKind.AzurePipelines:
                    WriteLine(stdout, azureCommand);
                    return CiOutputResult.Done(azureDone);
                case CiKind.GitHubActions:
                    var file = environment[fileVariable];
                    if (file == null)
                        return CiOutputResult.NotSet("GITHUB_ACTIONS is true but " + fileVariable + " is not set, so no " + what + " " + name + " was set (the value is " + value + ").");
                    try
                    {
                        AppendLine(file, name + "=" + value);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException
                        || ex is NotSupportedException || ex is ArgumentException)
                    {
                        return CiOutputResult.NotSet("The " + what + " " + name + " could not be written to " + fileVariable + " (" + file + "): " + ex.Message, ex);
                    }
                    return CiOutputResult.Done("Set the GitHub Actions " + what + " " + name + " to " + value + " (appended to " + file + "; " + actionsRead + ").");
                default:
                    return CiOutputResult.NotSet("Not running under Azure Pipelines (TF_BUILD) or GitHub Actions (GITHUB_ACTIONS), so no CI output " + name + " was set (the value is " + value + ").");
            }
        }

        // ---- the log: groups and problems

        /// <summary>The line that opens a collapsible group titled <paramref name="title"/> (one line, never a command); null outside CI.</summary>
        public static string? GroupStartCommand(CiKind ci, string title) => ci switch
        {
            CiKind.AzurePipelines => "##[group]" + Inert(OneLine(title)),
            CiKind.GitHubActions => "::group::" + EscapeActionsData(OneLine(title)),
            _ => null,
        };

        /// <summary>The line that closes the open group; null outside CI.</summary>
        public static string? GroupEndCommand(CiKind ci) => ci switch
        {
            CiKind.AzurePipelines => "##[endgroup]",
            CiKind.GitHubActions => "::endgroup::",
            _ => null,
        };

        /// <summary>The line that reports a problem to the run's summary page; null outside CI.</summary>
        public static string? IssueCommand(CiKind ci, CiIssue level, string message) => ci switch
        {
            CiKind.AzurePipelines => "##vso[task.logissue type=" + (level == CiIssue.Error ? "error" : "warning") + "]" + EscapeAzureData(message),
            CiKind.GitHubActions => (level == CiIssue.Error ? "::error::" : "::warning::") + EscapeActionsData(message),
            _ => null,
        };

        /// <summary>Appends one line; a file whose last line lacks its line break gets one first, so the two never merge.</summary>
        static void AppendLine(string path, string line)
        {
            using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var prefix = "";
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n') prefix = "\n";
            }
            stream.Seek(0, SeekOrigin.End);
            var bytes = utf8.GetBytes(prefix + line + "\n");
            stream.Write(bytes, 0, bytes.Length);
        }

        // ---- escaping, as the runners' own toolkits do it

        /// <summary>GitHub Actions' escapeData (@actions/core): %, CR, LF.</summary>
        internal static string EscapeActionsData(string value) =>
            value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>Azure Pipelines' escapedata (azure-pipelines-task-lib): %, CR, LF.</summary>
        internal static string EscapeAzureData(string value) =>
            value.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>A title on one line: line breaks become spaces (a group title has no escaping).</summary>
        internal static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');

        /// <summary>
        /// Free text that Azure Pipelines will not read as a command: its agent acts on "##vso[" anywhere in a line, so "##"
        /// becomes "# #", "###" "# # #" (for text that is not the data of our own command, such as a group title).
        /// </summary>
        internal static string Inert(string text) => Regex.Replace(text, "#(?=#)", "# ");

        /// <summary>Azure Pipelines' escape for property values: also ']' and ';', which would end the property list.</summary>
        internal static string EscapeAzureProperty(string value) =>
            EscapeAzureData(value).Replace("]", "%5D").Replace(";", "%3B");
    }
}
