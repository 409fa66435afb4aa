namespace V2gActors.Iso15118.Exi;

/// <summary>A decoded EXI document: the root element's name and its typed content (a generated class or a simple value).</summary>
public sealed record ExiDocument(string RootNamespace, string RootName, object Body);
