namespace V2gActors.Tools.OcppGen;

/// <summary>The shape of a JSON value as the OCPP schemas use it (draft-06 subset: no anyOf/oneOf/patterns).</summary>
internal abstract record ValueShape;

internal sealed record RefShape(string TypeName) : ValueShape;

internal sealed record StringShape(int? MaxLength, bool IsDateTime) : ValueShape;

internal sealed record IntegerShape(decimal? Minimum, decimal? Maximum) : ValueShape;

internal sealed record NumberShape(decimal? Minimum, decimal? Maximum) : ValueShape;

internal sealed record BooleanShape : ValueShape;

/// <summary>No constraint at all (DataTransfer's <c>data</c>): any JSON value.</summary>
internal sealed record AnyShape : ValueShape;

internal sealed record ArrayShape(ValueShape Items, int? MinItems, int? MaxItems) : ValueShape;

internal sealed record PropertyModel(string JsonName, ValueShape Shape, bool IsRequired, string? Description);

internal abstract record TypeModel(string Name, string? Description);

internal sealed record ObjectModel(
    string Name,
    string? Description,
    IReadOnlyList<PropertyModel> Properties,
    bool AllowsAdditionalProperties) : TypeModel(Name, Description);

internal sealed record EnumModel(string Name, string? Description, IReadOnlyList<string> Values) : TypeModel(Name, Description);

/// <summary>One OCPP message: a CALL payload (Request), its CALLRESULT (Response), or a SEND payload.</summary>
internal sealed record MessageModel(string Action, MessageRole Role, ObjectModel Root);

internal enum MessageRole { Request, Response, Send }

/// <summary>Everything one edition's schema folder defines, with each definition merged across files.</summary>
internal sealed record EditionModel(
    string Edition,
    string Namespace,
    string ClassPrefix,
    string SchemaFolder,
    IReadOnlyList<MessageModel> Messages,
    IReadOnlyList<ObjectModel> Objects,
    IReadOnlyList<EnumModel> Enums)
{
    public IEnumerable<string> Actions => Messages.Select(m => m.Action).Distinct().Order(StringComparer.Ordinal);
}
