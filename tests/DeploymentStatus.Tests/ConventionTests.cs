using System.Collections;
using System.Management.Automation;
using System.Reflection;
using DeploymentStatus.Commands;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>What every cmdlet of the module must be: sealed, typed output, exported, documented, safe with secrets.</summary>
public class ConventionTests
{
    static readonly Type[] cmdlets = typeof(GhCmdlet).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t)).ToArray();

    static string CmdletName(Type t)
    {
        var attribute = t.GetCustomAttribute<CmdletAttribute>()!;
        return attribute.VerbName + "-" + attribute.NounName;
    }

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DeploymentStatus.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var t in cmdlets) data.Add(t.Name);
        return data;
    }

    static Type Cmdlet(string name) => cmdlets.Single(t => t.Name == name);

    /// <summary>CmdletsToExport of module/DeploymentStatus.psd1, read as PowerShell reads a data file.</summary>
    static string[] ManifestExports()
    {
        var ast = System.Management.Automation.Language.Parser.ParseFile(Path.Combine(RepoRoot(), "module", "DeploymentStatus.psd1"), out _, out var errors);
        Assert.Empty(errors);
        var manifest = (Hashtable)ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false)!.SafeGetValue();
        return ((object[])manifest["CmdletsToExport"]!).Cast<string>().ToArray();
    }

    [Fact]
    public void TheManifestExportsEveryCmdletOfTheAssemblyAndNothingElse() =>
        Assert.Equal(cmdlets.Select(CmdletName).OrderBy(n => n, StringComparer.Ordinal), ManifestExports().OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void IsSealedAndNamedAfterItsVerbAndNoun(string name)
    {
        var type = Cmdlet(name);
        Assert.True(type.IsSealed);
        Assert.Equal(CmdletName(type).Replace("-", "") + "Command", type.Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DeclaresItsOutputType(string name) =>
        Assert.NotEmpty(Cmdlet(name).GetCustomAttributes<OutputTypeAttribute>());

    [Theory]
    [MemberData(nameof(Names))]
    public void HasAHelpSource(string name) =>
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "module", "help", CmdletName(Cmdlet(name)) + ".psd1")), "help source for " + CmdletName(Cmdlet(name)));

    [Theory]
    [MemberData(nameof(Names))]
    public void MutatesOnlyThroughShouldProcess(string name)
    {
        var type = Cmdlet(name);
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        var mutating = attribute.VerbName is "New" or "Set" or "Remove" or "Invoke" or "Add" or "Approve" or "Deny" or "Complete";
        if (mutating) Assert.True(attribute.SupportsShouldProcess, name + " changes GitHub state, so it must support -WhatIf");
        if (attribute.VerbName == "Remove") Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TakesNoSecretAsAPlainString(string name)
    {
        foreach (var property in Cmdlet(name).GetProperties())
        {
            if (property.GetCustomAttribute<ParameterAttribute>() == null) continue;
            var lower = property.Name.ToLowerInvariant();
            if (lower.Contains("token") || lower.Contains("password") || lower.Contains("secret") || lower.Contains("key") && !lower.Contains("path"))
                Assert.NotEqual(typeof(string), property.PropertyType);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BindsItsIdentityFromThePipelineWithLongIds(string name)
    {
        // Connect-GhAccount's -Owner/-Repository are the connection's defaults, not a target.
        var targetsARepository = name != nameof(ConnectGhAccountCommand);
        foreach (var property in Cmdlet(name).GetProperties())
        {
            var parameters = property.GetCustomAttributes<ParameterAttribute>().ToList();
            if (parameters.Count == 0) continue;
            if (targetsARepository && property.Name is "Owner" or "Repository" or "DeploymentId")
                Assert.All(parameters, p => Assert.True(p.ValueFromPipelineByPropertyName, name + "." + property.Name));
            if (property.Name.EndsWith("Id", StringComparison.Ordinal) && property.Name != "AppId")
                Assert.Equal(typeof(long), property.PropertyType);
        }
    }

    /// <summary>
    /// -Environment (and an environment cmdlet's -Name) completes the repository's environments, and takes a GhEnvironment
    /// from the pipeline: by its Name (alias Name), or, where the cmdlet's own -Name is something else, as -InputObject.
    /// New-GhDeploymentStatus is the exception: a piped deployment's Environment would be sent with every status.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void CompletesEnvironmentsAndTakesThemFromThePipeline(string name)
    {
        var type = Cmdlet(name);
        var environment = type.GetProperty("Environment");
        var own = type.GetProperty("Name");
        var target = environment ?? (CmdletName(type).EndsWith("-GhEnvironment", StringComparison.Ordinal) ? own : null);
        if (target?.GetCustomAttribute<ParameterAttribute>() == null) return;
        Assert.Equal(typeof(EnvironmentCompleter), target.GetCustomAttribute<ArgumentCompleterAttribute>()?.Type);
        if (name == nameof(NewGhDeploymentStatusCommand)) return;
        Assert.All(target.GetCustomAttributes<ParameterAttribute>(), p => Assert.True(p.ValueFromPipelineByPropertyName, name + "." + target.Name));
        if (target != environment) return;
        if (own?.GetCustomAttribute<ParameterAttribute>() != null)
        {
            var input = type.GetProperty("InputObject");
            Assert.Equal(typeof(GhEnvironment), input?.PropertyType);
            Assert.True(input!.GetCustomAttribute<ParameterAttribute>()!.ValueFromPipeline);
        }
        else Assert.Contains("Name", environment.GetCustomAttribute<AliasAttribute>()?.AliasNames ?? []);
    }

    /// <summary>Every new ErrorId is in the about topic, which lists them for users.</summary>
    [Fact]
    public void TheAboutTopicNamesEveryErrorId()
    {
        var about = File.ReadAllText(Path.Combine(RepoRoot(), "module", "en-US", "about_DeploymentStatus.help.txt"));
        foreach (var field in typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static))
            Assert.Contains((string)field.GetValue(null)!, about);
    }
}
