namespace V2gActors.Tools.ExiGen.Grammar;

/// <summary>
/// A Thompson-style automaton over terminals, built while walking a type's particles. Bounded maxOccurs is
/// unrolled into copies exactly as EXI 1.0 §8.5.4.1.6 builds particle grammars (copies beyond minOccurs
/// may be left early), so after determinisation each state offers precisely the productions EXI defines.
/// </summary>
public sealed class ContentNfa
{
    private readonly List<List<(Terminal? Label, int To)>> _edges = [];

    public int NewState()
    {
        _edges.Add([]);
        return _edges.Count - 1;
    }

    public int StateCount => _edges.Count;

    public void Epsilon(int from, int to) => _edges[from].Add((null, to));

    public void Edge(int from, Terminal label, int to) => _edges[from].Add((label, to));

    public IReadOnlyList<(Terminal? Label, int To)> EdgesOf(int state) => _edges[state];

    /// <summary>Repeats a fragment builder min..max times (max = int.MaxValue for unbounded).</summary>
    public int Repeat(int start, int min, int max, Func<int, int> term)
    {
        var s = start;
        for (var i = 0; i < min; i++) s = term(s);
        if (max == int.MaxValue)
        {
            var loopStart = NewState();
            Epsilon(s, loopStart);
            var loopEnd = term(loopStart);
            Epsilon(loopEnd, loopStart);
            return loopStart;
        }
        var end = NewState();
        for (var i = min; i < max; i++)
        {
            Epsilon(s, end);
            s = term(s);
        }
        Epsilon(s, end);
        return end;
    }
}
