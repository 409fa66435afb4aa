namespace V2gActors.Iso15118.Exi.Grammar;

/// <summary>Terminal symbols of a schema-informed element grammar that this codec handles (EXI 1.0 §8.5.4).</summary>
public enum ExiEventKind : byte
{
    EndElement,
    Attribute,
    StartElement,
    /// <summary>SE(*) / SE(uri:*) from an xs:any wildcard.</summary>
    Wildcard,
    /// <summary>Character content: the typed value of a simple-content type, or untyped text of a mixed type.</summary>
    Characters,
}

/// <summary>One first-level production: terminal (kind + child slot of the generated class) and successor state.</summary>
public readonly record struct ExiProduction(ExiEventKind Kind, int Child, int Next)
{
    public static ExiProduction EndElement { get; } = new(ExiEventKind.EndElement, -1, -1);
}

/// <summary>
/// The normalised, event-code-ordered grammar of one type, produced by the generator. Production i of a state
/// has event code i. Because the grammars are non-strict (the ISO 15118 profile), each state also owns
/// undeclared second-level productions, so its first-level code needs room for one more value than it
/// declares: width = ⌈log2(declared + 1)⌉ (EXI 1.0 §8.5.4.4.1, §6.2).
/// </summary>
public sealed class ExiGrammar
{
    private readonly ExiProduction[][] _states;
    private readonly int[] _widths;

    public ExiGrammar(string typeName, ExiProduction[][] states)
    {
        TypeName = typeName;
        _states = states;
        _widths = states.Select(s => CodeWidth(s.Length + 1)).ToArray();
    }

    public string TypeName { get; }

    public int StateCount => _states.Length;

    public ReadOnlySpan<ExiProduction> Productions(int state) => _states[state];

    public int Width(int state) => _widths[state];

    /// <summary>
    /// Reads the generator's table text: one state per line, productions separated by spaces, each either
    /// <c>EE</c> or <c>KIND child&gt;next</c> with KIND one of SE, AT, ANY, CH (e.g. <c>SE2&gt;3 EE</c>).
    /// Text rather than array initialisers because a static constructor with thousands of array literals
    /// costs seconds of JIT time; parsing the same table takes milliseconds.
    /// </summary>
    public static ExiGrammar Parse(string typeName, string table)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var states = new ExiProduction[lines.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            var tokens = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            states[i] = new ExiProduction[tokens.Length];
            for (var j = 0; j < tokens.Length; j++) states[i][j] = ParseProduction(typeName, tokens[j]);
        }
        return new ExiGrammar(typeName, states);
    }

    private static ExiProduction ParseProduction(string typeName, string token)
    {
        if (token == "EE") return ExiProduction.EndElement;
        var digits = token.IndexOfAny("0123456789".ToCharArray());
        var arrow = token.IndexOf('>');
        if (digits <= 0 || arrow < digits) throw new FormatException($"{typeName}: bad production '{token}'");
        var kind = token[..digits] switch
        {
            "SE" => ExiEventKind.StartElement,
            "AT" => ExiEventKind.Attribute,
            "ANY" => ExiEventKind.Wildcard,
            "CH" => ExiEventKind.Characters,
            _ => throw new FormatException($"{typeName}: bad production '{token}'"),
        };
        return new ExiProduction(kind, int.Parse(token[digits..arrow]), int.Parse(token[(arrow + 1)..]));
    }

    /// <summary>Bits needed to tell <paramref name="count"/> alternatives apart (0 for a single one).</summary>
    public static int CodeWidth(int count)
    {
        var bits = 0;
        while ((1 << bits) < count) bits++;
        return bits;
    }
}
