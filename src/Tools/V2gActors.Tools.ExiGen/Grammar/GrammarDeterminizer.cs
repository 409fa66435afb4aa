namespace V2gActors.Tools.ExiGen.Grammar;

/// <summary>
/// Subset construction over a <see cref="ContentNfa"/>: this is EXI's normalisation (§8.5.4.2: ε-elimination
/// and merging of duplicate terminals). Productions of a state are sorted by terminal priority; states are
/// numbered breadth-first in production order, so output is deterministic.
/// </summary>
public static class GrammarDeterminizer
{
    public static GrammarModel Determinize(ContentNfa nfa, int start, int accept)
    {
        var states = new List<int[]>();
        var index = new Dictionary<string, int>();
        var productions = new List<IReadOnlyList<ProductionModel>>();

        int Intern(int[] set)
        {
            var key = string.Join(',', set);
            if (index.TryGetValue(key, out var i)) return i;
            states.Add(set);
            productions.Add([]);
            index[key] = states.Count - 1;
            return states.Count - 1;
        }

        Intern(Closure(nfa, [start]));
        for (var current = 0; current < states.Count; current++)
        {
            var byTerminal = new SortedDictionary<Terminal, SortedSet<int>>();
            foreach (var s in states[current])
            foreach (var (label, to) in nfa.EdgesOf(s))
            {
                if (label is not { } t) continue;
                if (!byTerminal.TryGetValue(t, out var targets)) byTerminal[t] = targets = [];
                targets.Add(to);
            }
            var list = new List<ProductionModel>();
            if (states[current].Contains(accept))
                byTerminal[new Terminal(TerminalKind.EndElement, -1)] = [];
            foreach (var (terminal, targets) in byTerminal)
            {
                var next = terminal.Kind == TerminalKind.EndElement ? -1 : Intern(Closure(nfa, targets));
                list.Add(new ProductionModel(terminal, next));
            }
            productions[current] = list;
        }
        return new GrammarModel(productions);
    }

    private static int[] Closure(ContentNfa nfa, IEnumerable<int> seeds)
    {
        var seen = new SortedSet<int>(seeds);
        var stack = new Stack<int>(seen);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            foreach (var (label, to) in nfa.EdgesOf(s))
                if (label is null && seen.Add(to)) stack.Push(to);
        }
        return seen.ToArray();
    }
}
