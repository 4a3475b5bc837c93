using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// Builds GitHub's published SDL as it is. What the library needs beyond the text is declared here: the custom
/// scalars (DateTime, URI, GitObjectID, HTML, BigInt, …: all strings on the wire, as GitHub sends them), type
/// resolution for every interface and union (by the emulated object's GraphQL type name), a resolver for every field
/// (the implemented ones from <see cref="Resolvers"/>, null for the rest), and one repair: the SDL declares two fields
/// of <c>EnterpriseOwnerInfo</c> twice, identically, which the GraphQL spec forbids; the second copy is dropped.
/// </summary>
internal sealed class GitHubSchemaBuilder : SchemaBuilder
{
    private static readonly IFieldResolver Unimplemented = new FuncFieldResolver<object>(_ => null);

    private readonly List<GraphQLScalarTypeDefinition> scalars = [];
    private Schema? schema;

    public GitHubSchemaBuilder(IReadOnlyDictionary<(string Type, string Field), IFieldResolver> resolvers)
    {
        foreach (var ((type, field), resolver) in resolvers)
        {
            Types.For(type).FieldFor(field).Resolver = resolver;
        }
    }

    public override Schema Build(string typeDefinitions)
    {
        var built = base.Build(typeDefinitions);
        foreach (var scalar in scalars)
        {
            built.RegisterType(new GitHubScalar(scalar.Name.StringValue, scalar.Description?.Value.ToString()));
        }
        foreach (var field in _types.Values.OfType<IObjectGraphType>().SelectMany(t => t.Fields))
        {
            field.Resolver ??= Unimplemented;
        }
        schema = built;
        return built;
    }

    protected override void Validate(GraphQLDocument document)
    {
        base.Validate(document);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLScalarTypeDefinition scalar:
                    scalars.Add(scalar);
                    break;
                case GraphQLObjectTypeDefinition { Fields: { } fields }:
                    DropRepeatedFields(fields);
                    break;
                case GraphQLInterfaceTypeDefinition @interface:
                    Types.For(@interface.Name.StringValue).ResolveType = ResolveType;
                    if (@interface.Fields is { } interfaceFields)
                    {
                        DropRepeatedFields(interfaceFields);
                    }
                    break;
                case GraphQLUnionTypeDefinition union:
                    Types.For(union.Name.StringValue).ResolveType = ResolveType;
                    break;
            }
        }
    }

    /// <summary>The object type of an emulated object (<see cref="IGitHubObject"/>), for interfaces and unions.</summary>
    private IObjectGraphType ResolveType(object source) =>
        source is IGitHubObject gitHubObject && schema?.AllTypes[gitHubObject.TypeName] is IObjectGraphType type
            ? type
            : throw new InvalidOperationException($"No GraphQL object type for {source.GetType().Name}.");

    private static void DropRepeatedFields(GraphQLFieldsDefinition fields)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        fields.Items.RemoveAll(field => !seen.Add(field.Name.StringValue));
    }
}

/// <summary>One of GitHub's custom scalars: a string on the wire both ways (literals must be strings, as GitHub requires).</summary>
internal sealed class GitHubScalar : ScalarGraphType
{
    public GitHubScalar(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => text.Value.ToString(),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        string text => text,
        null => null,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset time => Api.Representations.Timestamp(time),
        _ => ThrowSerializationError(value),
    };
}
