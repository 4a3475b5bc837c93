using System.Collections.Immutable;
using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// GitHub's limits on a valid query, checked before it runs, and its cost in points
/// (https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api): every connection needs
/// <c>first</c> or <c>last</c>, at most 100; at most 500,000 nodes in all; <c>nodes(ids:)</c> takes at most 100 ids.
/// The cost is the number of requests needed to fill every connection, each assumed to reach its <c>first</c>/<c>last</c>
/// (a connection inside another is requested once per parent node), divided by 100 and rounded; at least 1. A list of
/// ids counts like a connection of that many nodes, so the 100 deployments of one <c>nodes</c> query cost 1 point.
/// It also checks the one validation rule GraphQL.NET applies more loosely than GitHub: a variable whose type does not
/// fit where it is used (e.g. <c>[ID]!</c> for <c>ids: [ID!]!</c>), which GitHub rejects as a nullability mismatch.
/// </summary>
internal sealed class QueryLimits
{
    public const int MaxPageSize = 100;
    public const int MaxNodeIds = 100;
    public const long MaxNodes = 500_000;

    private readonly ISchema schema;
    private readonly GraphQLDocument document;
    private readonly GraphQLOperationDefinition operation;
    private readonly IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments;
    private readonly List<GraphQLErrorEntry> errors = [];
    private long requests;
    private long nodes;

    private ValidationMessages? messages;

    private QueryLimits(
        ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments)
    {
        this.schema = schema;
        this.document = document;
        this.operation = operation;
        this.arguments = arguments;
    }

    public IReadOnlyList<GraphQLErrorEntry> Errors => errors;

    /// <summary>Points the query costs.</summary>
    public int Cost => (int)Math.Max(1, Math.Round(requests / 100.0, MidpointRounding.AwayFromZero));

    /// <summary>The most nodes the query may return.</summary>
    public int NodeCount => (int)Math.Min(nodes, int.MaxValue);

    /// <summary><c>rateLimit(dryRun: true)</c>: GitHub works the cost out and charges nothing.</summary>
    public bool DryRun { get; private set; }

    public static QueryLimits Check(
        ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments)
    {
        var limits = new QueryLimits(schema, document, operation, arguments);
        var root = operation.Operation == OperationType.Mutation ? schema.Mutation : schema.Query;
        if (root is not null)
        {
            limits.Walk(operation.SelectionSet, root, 1, [], []);
        }
        if (limits.nodes > MaxNodes)
        {
            limits.errors.Add(new GraphQLErrorEntry(string.Create(CultureInfo.InvariantCulture,
                $"This query requests up to {limits.nodes:N0} possible nodes which exceeds the maximum limit of {MaxNodes:N0}."))
            {
                Type = "MAX_NODE_LIMIT_EXCEEDED",
            });
        }
        return limits;
    }

    private void Walk(GraphQLSelectionSet selections, IGraphType parent, long multiplier, ImmutableList<object> path, ImmutableHashSet<string> fragments)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    VisitField(field, parent, multiplier, path, fragments);
                    break;
                case GraphQLInlineFragment inline:
                    var type = inline.TypeCondition is { } condition ? schema.AllTypes[condition.Type.Name.StringValue] : parent;
                    if (type is not null)
                    {
                        Walk(inline.SelectionSet, type, multiplier, path, fragments);
                    }
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.Contains(name) && document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name) is { } fragment
                        && schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue] is { } fragmentType)
                    {
                        Walk(fragment.SelectionSet, fragmentType, multiplier, path, fragments.Add(name));
                    }
                    break;
            }
        }
    }

    private void VisitField(GraphQLField field, IGraphType parent, long multiplier, ImmutableList<object> path, ImmutableHashSet<string> fragments)
    {
        var name = field.Name.StringValue;
        if (parent is not IComplexGraphType complex || complex.GetField(name) is not { } definition)
        {
            return; // __typename, or introspection
        }
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            if (definition.Arguments?.Find(argument.Name.StringValue) is { ResolvedType: { } argumentType } argumentDefinition)
            {
                CheckVariables(argument, argument.Value, argumentType, argumentDefinition.DefaultValue is not null);
            }
        }
        var fieldPath = path.Add(field.Alias?.Name.StringValue ?? name);
        var values = arguments?.GetValueOrDefault(field);
        var type = definition.ResolvedType!.GetNamedType();
        var size = 1L;
        if (IsConnection(definition, type))
        {
            var first = Int(values, "first");
            var last = Int(values, "last");
            if (first is null && last is null)
            {
                Fail(field, fieldPath, "MISSING_PAGINATION_BOUNDARIES",
                    $"You must provide a `first` or `last` value to properly paginate the `{name}` connection.");
            }
            foreach (var (argument, value) in new[] { ("first", first), ("last", last) })
            {
                if (value > MaxPageSize)
                {
                    Fail(field, fieldPath, "EXCESSIVE_PAGINATION", string.Create(CultureInfo.InvariantCulture,
                        $"Requesting {value} records on the `{name}` connection exceeds the `{argument}` limit of {MaxPageSize} records."));
                }
            }
            size = Math.Max(0, Math.Max(first ?? 0, last ?? 0));
            requests += multiplier;
            nodes += multiplier * size;
        }
        else if (parent == schema.Query && name == "nodes" && values is not null && values.TryGetValue("ids", out var idsValue) && idsValue.Value is IEnumerable<object?> ids)
        {
            size = ids.Count();
            if (size > MaxNodeIds)
            {
                Fail(field, fieldPath, null, string.Create(CultureInfo.InvariantCulture,
                    $"You may not provide more than {MaxNodeIds} node ids; you provided {size}."));
            }
            requests += multiplier;
            nodes += multiplier * size;
        }
        else if (parent == schema.Query && name == "rateLimit" && values is not null && values.TryGetValue("dryRun", out var dryRun) && dryRun.Value is true)
        {
            DryRun = true;
        }
        if (field.SelectionSet is { } selections)
        {
            Walk(selections, type, multiplier * size, fieldPath, fragments);
        }
    }

    /// <summary>Every variable in <paramref name="value"/> (an argument, or a list or input object inside it) must fit where it is used.</summary>
    private void CheckVariables(GraphQLArgument argument, GraphQLValue value, IGraphType type, bool hasDefault)
    {
        var nullable = type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
        switch (value)
        {
            case GraphQLVariable variable
                when operation.Variables?.Items.Find(v => v.Variable.Name.StringValue == variable.Name.StringValue) is { } declared
                    && !Allowed(declared, type, hasDefault):
                messages ??= new ValidationMessages(document);
                var declaredType = messages.Text(declared.Type) + (declared.DefaultValue is null or GraphQLNullValue ? "" : "!");
                errors.Add(messages.VariableMismatch(argument, variable, declaredType, type.ToString()!));
                break;
            case GraphQLListValue list when nullable is ListGraphType listType:
                foreach (var item in list.Values ?? [])
                {
                    CheckVariables(argument, item, listType.ResolvedType!, false);
                }
                break;
            case GraphQLObjectValue inputObject when nullable is IInputObjectGraphType inputType:
                foreach (var field in inputObject.Fields ?? [])
                {
                    if (inputType.GetField(field.Name.StringValue) is { ResolvedType: { } fieldType } definition)
                    {
                        CheckVariables(argument, field.Value, fieldType, definition.DefaultValue is not null);
                    }
                }
                break;
        }
    }

    /// <summary>The spec's IsVariableUsageAllowed: a nullable variable fits a non-null place only with a default.</summary>
    private static bool Allowed(GraphQLVariableDefinition variable, IGraphType location, bool locationHasDefault)
    {
        if (location is NonNullGraphType nonNull && variable.Type is not GraphQLNonNullType)
        {
            var hasDefault = variable.DefaultValue is not null and not GraphQLNullValue;
            return (hasDefault || locationHasDefault) && Compatible(variable.Type, nonNull.ResolvedType!);
        }
        return Compatible(variable.Type, location);
    }

    private static bool Compatible(GraphQLType variable, IGraphType location) => (variable, location) switch
    {
        (GraphQLNonNullType v, NonNullGraphType l) => Compatible(v.Type, l.ResolvedType!),
        (_, NonNullGraphType) => false,
        (GraphQLNonNullType v, _) => Compatible(v.Type, location),
        (GraphQLListType v, ListGraphType l) => Compatible(v.Type, l.ResolvedType!),
        (GraphQLListType, _) or (_, ListGraphType) => false,
        (GraphQLNamedType v, _) => v.Name.StringValue == location.Name,
        _ => false,
    };

    /// <summary>A Relay connection: a <c>…Connection</c> type paginated by <c>first</c>/<c>last</c>.</summary>
    private static bool IsConnection(FieldType definition, IGraphType type) =>
        type.Name.EndsWith("Connection", StringComparison.Ordinal) && definition.Arguments?.Find("first") is not null;

    private static int? Int(IDictionary<string, ArgumentValue>? values, string name) =>
        values is not null && values.TryGetValue(name, out var value) && value.Value is int number ? number : null;

    private void Fail(GraphQLField field, ImmutableList<object> path, string? type, string message) =>
        errors.Add(GraphQLErrorEntry.At(message, field, document) with { Type = type, Path = path });
}
