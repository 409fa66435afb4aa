using V2gActors.Iso15118.Exi.Streams;

namespace V2gActors.Iso15118.Exi.Grammar;

/// <summary>
/// Walks a grammar while encoding: the generated encoder announces each child in schema order and this
/// cursor writes its event code, or refuses when the schema does not allow that child here (missing
/// required element, too many repetitions, two branches of a choice).
/// </summary>
public struct ExiGrammarWriter(ExiBitWriter writer, ExiGrammar grammar)
{
    private int _state;

    public void Event(ExiEventKind kind, int child)
    {
        var productions = grammar.Productions(_state);
        for (var code = 0; code < productions.Length; code++)
        {
            if (productions[code].Kind != kind || productions[code].Child != child) continue;
            writer.WriteBits((uint)code, grammar.Width(_state));
            _state = productions[code].Next;
            return;
        }
        throw new ExiEncodeException($"{grammar.TypeName}: {kind} #{child} is not allowed in state {_state} " +
                                     "(a required element is missing, or an element repeats too often)");
    }

    public void End() => Event(ExiEventKind.EndElement, -1);

    public static void BeginSimpleContent(ExiBitWriter w) => w.WriteBits(0, 1);

    public static void EndSimpleContent(ExiBitWriter w) => w.WriteBits(0, 1);
}
