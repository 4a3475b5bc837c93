using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// GitHub's published GraphQL schema (<c>github.schema.graphql</c>, from <c>@octokit/graphql-schema</c> 15.26.1, MIT),
/// executable: built once per process, shared by every emulator in it. <see cref="Validate"/> tells whether GitHub's
/// schema accepts a query, in GitHub's words.
/// </summary>
public static class GitHubSchema
{
    private const string ResourceName = "GitHubEmulator.GraphQL.github.schema.graphql";

    private static readonly Lazy<(Schema Schema, TimeSpan BuildTime)> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly DocumentValidator Validator = new();
    private static readonly DocumentExecuter Executer = new();
    private static readonly GraphQLSerializer Serializer = new();

    /// <summary>How long reading GitHub's SDL and building the executable schema took (paid once per process).</summary>
    public static TimeSpan BuildTime => Built.Value.BuildTime;

    internal static ISchema Instance => Built.Value.Schema;

    /// <summary>
    /// The errors GitHub's GraphQL API would answer for <paramref name="query"/> before running it (syntax, schema
    /// validation, variables, pagination limits), as GitHub words them; empty when it is valid.
    /// </summary>
    /// <param name="variablesJson">The request's <c>variables</c> as a JSON object, or null.</param>
    public static IReadOnlyList<string> Validate(string query, string? variablesJson = null, string? operationName = null)
    {
        Inputs? variables;
        try
        {
            variables = string.IsNullOrWhiteSpace(variablesJson) ? null : Serializer.Deserialize<Inputs>(variablesJson);
        }
        catch (JsonException e)
        {
            return [$"Variables are invalid JSON: {e.Message}"];
        }
        var prepared = PrepareAsync(query, variables, operationName, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return [.. prepared.Errors.Select(e => e.Message)];
    }

    /// <summary>Parses, validates and checks GitHub's limits; the prepared query says its errors or its cost.</summary>
    internal static async ValueTask<PreparedQuery> PrepareAsync(string query, Inputs? variables, string? operationName, CancellationToken cancellationToken)
    {
        var schema = Instance;
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            return PreparedQuery.Failed(new GraphQLErrorEntry($"Parse error: {e.Description} at [{e.Location.Line}, {e.Location.Column}]")
            {
                Locations = [e.Location],
            });
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(o => o.Name?.StringValue == operationName);
        if (operation is null)
        {
            return PreparedQuery.Failed(new GraphQLErrorEntry(
                operations.Count == 0 ? "This document contains no operations"
                : operationName is null ? "An operation name is required"
                : $"No operation named \"{operationName}\""));
        }

        var validation = await Validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            UserContext = new Dictionary<string, object?>(),
            Metrics = Metrics.None,
            Variables = variables ?? Inputs.Empty,
            Extensions = Inputs.Empty,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return PreparedQuery.Failed([.. new ValidationMessages(document).Translate([.. validation.Errors])]);
        }
        var limits = QueryLimits.Check(schema, document, operation, validation.ArgumentValues);
        return limits.Errors.Count > 0
            ? PreparedQuery.Failed([.. limits.Errors])
            : new PreparedQuery([], document, operation, variables, limits);
    }

    /// <summary>Runs a prepared, valid query: whether it ran, its data (null when a non-null root field failed), its field errors in GitHub's shape.</summary>
    internal static async Task<(bool Ran, JsonNode? Data, IReadOnlyList<GraphQLErrorEntry> Errors)> ExecuteAsync(
        PreparedQuery prepared, RequestContext context, CancellationToken cancellationToken)
    {
        var result = await Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = Instance,
            Document = prepared.Document,
            OperationName = prepared.Operation!.Name?.StringValue,
            Variables = prepared.Variables,
            UserContext = context,
            // Validated once already (PrepareAsync); variables and arguments are still read.
            ValidationRules = [],
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        var errors = result.Errors?.Select(GraphQLErrorEntry.FromExecution).ToList() ?? [];
        result.Errors = null;
        // The data as the library serializes it (its errors are GitHub's shape instead).
        var data = result.Executed ? JsonNode.Parse(Serializer.Serialize(result))?["data"]?.DeepClone() : null;
        return (result.Executed, data, errors);
    }

    private static (Schema, TimeSpan) Build()
    {
        var watch = Stopwatch.StartNew();
        string sdl;
        using (var stream = typeof(GitHubSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing."))
        using (var reader = new StreamReader(stream))
        {
            sdl = reader.ReadToEnd();
        }
        var schema = new GitHubSchemaBuilder(Resolvers.All).Build(sdl);
        schema.Initialize();
        foreach (var (type, field) in Resolvers.All.Keys)
        {
            if ((schema.AllTypes[type] as IComplexGraphType)?.GetField(field) is null)
            {
                throw new InvalidOperationException($"The schema has no field {type}.{field} to resolve.");
            }
        }
        return (schema, watch.Elapsed);
    }
}

/// <summary>A query parsed, validated and checked against GitHub's limits: its errors, or what it needs to run and cost.</summary>
internal sealed record PreparedQuery(
    IReadOnlyList<GraphQLErrorEntry> Errors, GraphQLDocument? Document, GraphQLOperationDefinition? Operation, Inputs? Variables, QueryLimits? Limits)
{
    public static PreparedQuery Failed(params GraphQLErrorEntry[] errors) => new(errors, null, null, null, null);
}
