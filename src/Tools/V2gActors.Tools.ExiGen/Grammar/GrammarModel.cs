namespace V2gActors.Tools.ExiGen.Grammar;

/// <summary>Kinds in event-code priority order (EXI 1.0 §8.5.4.4.2: AT, SE(qname), SE(*), EE, CH).</summary>
public enum TerminalKind { Attribute = 0, Element = 1, Wildcard = 2, EndElement = 3, Characters = 4 }

public readonly record struct Terminal(TerminalKind Kind, int Child) : IComparable<Terminal>
{
    public int CompareTo(Terminal other) =>
        Kind != other.Kind ? Kind.CompareTo(other.Kind) : Child.CompareTo(other.Child);
}

public sealed record ProductionModel(Terminal Terminal, int Next);

/// <summary>A deterministic, event-code-ordered grammar: state i's production j has event code j.</summary>
public sealed record GrammarModel(IReadOnlyList<IReadOnlyList<ProductionModel>> States);
