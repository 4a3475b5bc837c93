using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Errors;
using GraphQLParser.AST;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// GraphQL.NET's validation errors in the words GitHub's GraphQL server (graphql-ruby) uses for the same rule, with its
/// <c>path</c> (operation, fields, fragments) and <c>extensions.code</c>: an unknown field, an unknown argument, a
/// literal of the wrong type, a missing required argument, selections missing or not allowed, an unknown fragment
/// type, a variable used where its type does not fit, unused and undeclared variables, a variable value that does not
/// fit its type. Any other rule keeps the library's message.
/// </summary>
internal sealed partial class ValidationMessages
{
    private readonly GraphQLDocument document;
    private readonly Dictionary<ASTNode, ASTNode> parents = new(ReferenceEqualityComparer.Instance);

    public ValidationMessages(GraphQLDocument document)
    {
        this.document = document;
        foreach (var definition in document.Definitions)
        {
            Index(definition, document);
        }
    }

    public List<GraphQLErrorEntry> Translate(IReadOnlyCollection<ExecutionError> errors)
    {
        // graphql-ruby validates nothing inside the selections made on a scalar: it has said they cannot be made.
        var onScalars = errors.OfType<ScalarLeafsError>().SelectMany(e => e.Nodes).OfType<GraphQLSelectionSet>().ToHashSet();
        var entries = new List<GraphQLErrorEntry>();
        foreach (var error in errors.Where(e => e is not ValidationError v || !v.Nodes.Any(n => Ancestor<GraphQLSelectionSet>(n) is { } set && onScalars.Contains(set))))
        {
            var entry = Translate(error);
            // graphql-ruby names every missing argument of a field in one error.
            if (entry.Extensions?["code"]?.GetValue<string>() == "missingRequiredArguments"
                && entries.Count > 0 && entries[^1].Extensions is { } previous
                && previous["code"]?.GetValue<string>() == "missingRequiredArguments"
                && previous["name"]?.GetValue<string>() == entry.Extensions["name"]?.GetValue<string>()
                && entries[^1].Locations.SequenceEqual(entry.Locations))
            {
                var arguments = $"{previous["arguments"]}, {entry.Extensions["arguments"]}";
                previous["arguments"] = arguments;
                entries[^1] = entries[^1] with { Message = $"Field '{previous["name"]}' is missing required arguments: {arguments}" };
                continue;
            }
            entries.Add(entry);
        }
        return entries;
    }

    private GraphQLErrorEntry Translate(ExecutionError error)
    {
        var node = (error as ValidationError)?.Nodes.FirstOrDefault();
        var entry = new GraphQLErrorEntry(error.Message)
        {
            Locations = error.Locations ?? [],
            Path = node is null ? null : PathOf(node),
            Extensions = error.Code is null ? null : new JsonObject { ["code"] = error.Code },
        };
        return (error, node) switch
        {
            (FieldsOnCorrectTypeError, GraphQLField field) when OnType().Match(error.Message) is { Success: true } match =>
                Worded(entry, $"Field '{field.Name}' doesn't exist on type '{match.Groups[1]}'", "undefinedField",
                    ("typeName", match.Groups[1].Value), ("fieldName", field.Name.StringValue)),
            (KnownArgumentNamesError, GraphQLArgument argument) when Parent(argument) is GraphQLField field =>
                Worded(entry, $"Field '{field.Name}' doesn't accept argument '{argument.Name}'", "argumentNotAccepted",
                    ("name", field.Name.StringValue), ("typeName", "Field"), ("argumentName", argument.Name.StringValue)),
            (ArgumentsOfCorrectTypeError, GraphQLArgument argument) when Parent(argument) is GraphQLField field
                && ExpectedType().Match(error.Message) is { Success: true } match =>
                Worded(entry, $"Argument '{argument.Name}' on Field '{field.Name}' has an invalid value ({Text(argument.Value)}). Expected type '{match.Groups[1]}'.",
                    "argumentLiteralsIncompatible", ("typeName", "Field"), ("argumentName", argument.Name.StringValue)),
            (ProvidedNonNullArgumentsError, GraphQLField field) when RequiredArgument().Match(error.Message) is { Success: true } match =>
                Worded(entry, $"Field '{field.Name}' is missing required arguments: {match.Groups[1]}", "missingRequiredArguments",
                    ("className", "Field"), ("name", field.Name.StringValue), ("arguments", match.Groups[1].Value)),
            (ScalarLeafsError, _) when SubSelection().Match(error.Message) is { Success: true } match => match.Groups[3].Success
                ? Worded(entry with { Path = node is GraphQLSelectionSet set && Parent(set) is { } owner ? PathOf(owner) : entry.Path },
                    $"Selections can't be made on scalars (field '{match.Groups[1]}' returns {Unwrapped(match.Groups[2].Value)} but has selections [{Selected(node)}])",
                    "selectionMismatch", ("nodeName", $"field '{match.Groups[1]}'"), ("typeName", Unwrapped(match.Groups[2].Value)))
                : Worded(entry,
                    $"Field must have selections (field '{match.Groups[1]}' returns {Unwrapped(match.Groups[2].Value)} but has no selections. Did you mean '{match.Groups[1]} {{ ... }}'?)",
                    "selectionMismatch", ("nodeName", $"field '{match.Groups[1]}'"), ("typeName", Unwrapped(match.Groups[2].Value))),
            (KnownTypeNamesError, GraphQLNamedType named) when Parent(named) is GraphQLTypeCondition =>
                Worded(entry, $"No such type {named.Name}, so it can't be a fragment condition", "undefinedType", ("typeName", named.Name.StringValue)),
            (KnownTypeNamesError, GraphQLNamedType named) when Ancestor<GraphQLVariableDefinition>(named) is { } variable =>
                Worded(entry, $"{named.Name} isn't a defined input type (on ${variable.Variable.Name})", "variableRequiresValidType",
                    ("typeName", named.Name.StringValue), ("variableName", variable.Variable.Name.StringValue)),
            (VariablesInAllowedPositionError, _) when VariablePosition().Match(error.Message) is { Success: true } match =>
                VariableMismatch(entry, FindUsage(match.Groups[1].Value), match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value),
            (NoUnusedVariablesError, GraphQLVariableDefinition definition) when Ancestor<GraphQLOperationDefinition>(definition) is { } operation =>
                Worded(entry, $"Variable ${definition.Variable.Name} is declared by {OperationName(operation)} but not used", "variableNotUsed",
                    ("variableName", definition.Variable.Name.StringValue)),
            (NoUndefinedVariablesError, GraphQLVariable variable) when Ancestor<GraphQLOperationDefinition>(variable) is { } operation =>
                Worded(entry, $"Variable ${variable.Name} is used by {OperationName(operation)} but not declared", "variableNotDefined",
                    ("variableName", variable.Name.StringValue)),
            (InvalidVariableError, _) when InvalidVariable().Match(error.Message) is { Success: true } match
                && FindVariable(match.Groups[1].Value) is { } definition =>
                new GraphQLErrorEntry($"Variable ${match.Groups[1]} of type {Text(definition.Type)} was provided invalid value")
                {
                    Locations = entry.Locations,
                    Extensions = new JsonObject
                    {
                        ["problems"] = new JsonArray(new JsonObject { ["path"] = new JsonArray(), ["explanation"] = match.Groups[2].Value }),
                    },
                },
            _ => entry,
        };
    }

    private static GraphQLErrorEntry Worded(GraphQLErrorEntry entry, string message, string code, params (string Name, string Value)[] extensions)
    {
        var json = new JsonObject { ["code"] = code };
        foreach (var (name, value) in extensions)
        {
            json[name] = value;
        }
        return entry with { Message = message, Extensions = json };
    }

    /// <summary>A variable used as <paramref name="argument"/> whose type does not fit the argument's (GraphQL.NET lets some of these through).</summary>
    public GraphQLErrorEntry VariableMismatch(GraphQLArgument argument, GraphQLVariable variable, string variableType, string argumentType) =>
        VariableMismatch(GraphQLErrorEntry.At("", variable, document), argument, variable.Name.StringValue, variableType, argumentType);

    /// <summary>graphql-ruby's VariableUsagesAreAllowed: which of type, list dimension or nullability differs.</summary>
    private GraphQLErrorEntry VariableMismatch(GraphQLErrorEntry entry, GraphQLArgument? argument, string variable, string variableType, string argumentType)
    {
        static int Lists(string type) => type.Count(c => c == '[');
        var kind = Unwrapped(variableType) != Unwrapped(argumentType) ? "Type mismatch"
            : Lists(variableType) != Lists(argumentType) ? "List dimension mismatch"
            : "Nullability mismatch";
        var name = argument?.Name.StringValue ?? "";
        return Worded(entry with { Path = argument is null ? entry.Path : PathOf(argument) },
            $"{kind} on variable ${variable} and argument {name} ({variableType} / {argumentType})", "variableMismatch",
            ("variableName", variable), ("typeName", variableType), ("argumentName", name), ("errorMessage", kind));
    }

    /// <summary>graphql-ruby's path: the operation (<c>query</c>, <c>query Name</c>) or fragment, then fields (by response key), fragments and the argument.</summary>
    private List<object> PathOf(ASTNode node)
    {
        var path = new List<object>();
        for (ASTNode? at = node; at is not null and not GraphQLDocument; at = Parent(at))
        {
            switch (at)
            {
                case GraphQLOperationDefinition operation:
                    path.Add(operation.Name is { } name ? $"{Kind(operation)} {name}" : Kind(operation));
                    break;
                case GraphQLFragmentDefinition fragment:
                    path.Add($"fragment {fragment.FragmentName.Name}");
                    break;
                case GraphQLField field:
                    path.Add((field.Alias?.Name ?? field.Name).StringValue);
                    break;
                case GraphQLInlineFragment inline:
                    path.Add(inline.TypeCondition is { } condition ? $"... on {condition.Type.Name}" : "...");
                    break;
                case GraphQLFragmentSpread spread:
                    path.Add($"... {spread.FragmentName.Name}");
                    break;
                case GraphQLArgument argument:
                    path.Add(argument.Name.StringValue);
                    break;
            }
        }
        path.Reverse();
        return path;
    }

    private static string Kind(GraphQLOperationDefinition operation) => operation.Operation.ToString().ToLowerInvariant();

    private static string OperationName(GraphQLOperationDefinition operation) =>
        operation.Name is { } name ? name.StringValue : $"anonymous {Kind(operation)}";

    private ASTNode? Parent(ASTNode node) => parents.GetValueOrDefault(node);

    private T? Ancestor<T>(ASTNode node) where T : ASTNode
    {
        for (var at = Parent(node); at is not null; at = Parent(at))
        {
            if (at is T found)
            {
                return found;
            }
        }
        return null;
    }

    private GraphQLVariableDefinition? FindVariable(string name) =>
        parents.Keys.OfType<GraphQLVariableDefinition>().FirstOrDefault(v => v.Variable.Name.StringValue == name);

    private GraphQLArgument? FindUsage(string variable) =>
        parents.Keys.OfType<GraphQLArgument>().FirstOrDefault(a => a.Value is GraphQLVariable v && v.Name.StringValue == variable);

    public string Text(ASTNode node) => document.Source.Span[node.Location.Start..node.Location.End].ToString();

    private static string Selected(ASTNode? node) => node is GraphQLSelectionSet set
        ? string.Join(", ", set.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue))
        : "";

    private static string Unwrapped(string type) => type.Trim('[', ']', '!');

    /// <summary>Records each node's parent: operations, fragments, selections, arguments, variable definitions and their types.</summary>
    private void Index(ASTNode node, ASTNode parent)
    {
        parents[node] = parent;
        IEnumerable<ASTNode?> children = node switch
        {
            GraphQLOperationDefinition operation => [.. operation.Variables?.Items ?? [], operation.SelectionSet],
            GraphQLFragmentDefinition fragment => [fragment.TypeCondition, fragment.SelectionSet],
            GraphQLSelectionSet set => set.Selections,
            GraphQLField field => [.. field.Arguments?.Items ?? [], field.SelectionSet],
            GraphQLInlineFragment inline => [inline.TypeCondition, inline.SelectionSet],
            GraphQLArgument argument => [argument.Value],
            GraphQLVariableDefinition variable => [variable.Variable, variable.Type],
            GraphQLTypeCondition condition => [condition.Type],
            GraphQLNonNullType nonNull => [nonNull.Type],
            GraphQLListType list => [list.Type],
            GraphQLListValue values => values.Values ?? [],
            GraphQLObjectValue fields => fields.Fields?.Select(f => f.Value) ?? [],
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                Index(child, node);
            }
        }
    }

    [GeneratedRegex("^Cannot query field '[^']+' on type '([^']+)'")]
    private static partial Regex OnType();

    [GeneratedRegex("Expected type '([^']+)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex("^Argument '([^']+)' of type '[^']+' is required for field")]
    private static partial Regex RequiredArgument();

    [GeneratedRegex("^Field (\\S+) of type (\\S+) must (not )?have a sub selection")]
    private static partial Regex SubSelection();

    [GeneratedRegex("^Variable '\\$(\\w+)' of type '([^']+)' used in position expecting type '([^']+)'")]
    private static partial Regex VariablePosition();

    [GeneratedRegex("^Variable '\\$(\\w+)' is invalid\\. (.*)$", RegexOptions.Singleline)]
    private static partial Regex InvalidVariable();
}
