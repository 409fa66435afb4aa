using V2gActors.Iso15118.Exi.Streams;

namespace V2gActors.Iso15118.Exi.Grammar;

/// <summary>Event-code reading shared by every generated decoder.</summary>
public static class ExiGrammarReader
{
    /// <summary>
    /// Reads the next event code of <paramref name="grammar"/> in <paramref name="state"/>. Returns true with
    /// the production for a declared SE/AT/CH event; false at EE or on any error (recorded on the reader).
    /// Second-level codes (undeclared content, xsi:type, comments...) are outside the V2G profile and are
    /// reported as errors instead of being skipped.
    /// </summary>
    public static bool NextEvent(this ExiBitReader reader, ExiGrammar grammar, ref int state, out ExiProduction production)
    {
        production = default;
        if (reader.Failed) return false;
        var productions = grammar.Productions(state);
        var code = (int)reader.ReadBits(grammar.Width(state));
        if (reader.Failed) return false;
        if (code >= productions.Length)
        {
            reader.Fail($"{grammar.TypeName}: event code {code} in state {state} is not a declared production (schema deviation)");
            return false;
        }
        production = productions[code];
        if (production.Kind == ExiEventKind.EndElement) return false;
        state = production.Next;
        return true;
    }

    /// <summary>Content of an element with a simple type: CH (code 0 of 1 bit, escape beside it)...</summary>
    public static void BeginSimpleContent(this ExiBitReader reader)
    {
        if (reader.ReadBits(1) != 0) reader.Fail("expected character content of a simple-typed element");
    }

    /// <summary>...followed by EE (code 0 of 1 bit).</summary>
    public static void EndSimpleContent(this ExiBitReader reader)
    {
        if (reader.ReadBits(1) != 0) reader.Fail("expected end of a simple-typed element");
    }

    public static void Unsupported(this ExiBitReader reader, ExiGrammar grammar, ExiProduction production) =>
        reader.Fail($"{grammar.TypeName}: {production.Kind} content is not supported by this codec");
}
