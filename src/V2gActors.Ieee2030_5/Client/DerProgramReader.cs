using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>Reads FSA → DERProgramList → each program's default control and control list.</summary>
public sealed class DerProgramReader(SepHttpClient http, uint pageSize)
{
    public async Task<IReadOnlyList<DerProgramView>> ReadAsync(EndDevice endDevice, CancellationToken ct = default)
    {
        var views = new List<DerProgramView>();
        if (endDevice.FunctionSetAssignmentsListLink?.Href is not { } fsaHref) return views;
        var assignments = await CsipDiscovery.ReadAllAsync<FunctionSetAssignmentsList, FunctionSetAssignments>(
            http, fsaHref, pageSize, l => l.FunctionSetAssignments, ct).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fsa in assignments)
        {
            if (fsa.DERProgramListLink?.Href is not { } derpHref) continue;
            var programs = await CsipDiscovery.ReadAllAsync<DERProgramList, DERProgram>(
                http, derpHref, pageSize, l => l.DERProgram, ct).ConfigureAwait(false);
            foreach (var program in programs.Where(p => p.Href is not null && seen.Add(p.Href)))
                views.Add(await ReadProgramAsync(program, ct).ConfigureAwait(false));
        }
        return views;
    }

    public async Task<DerProgramView> ReadProgramAsync(DERProgram program, CancellationToken ct = default)
    {
        var dderc = program.DefaultDERControlLink?.Href is { } d
            ? await http.GetAsync<DefaultDERControl>(d, ct: ct).ConfigureAwait(false)
            : null;
        var controls = program.DERControlListLink?.Href is { } c
            ? await CsipDiscovery.ReadAllAsync<DERControlList, DERControl>(http, c, pageSize, l => l.DERControl, ct).ConfigureAwait(false)
            : [];
        return new DerProgramView(program, dderc, controls);
    }
}
