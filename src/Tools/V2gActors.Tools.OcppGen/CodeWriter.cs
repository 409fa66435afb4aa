using System.Text;

namespace V2gActors.Tools.OcppGen;

/// <summary>Indented text with '\n' line ends whatever the host OS, so regeneration is byte-for-byte stable.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public CodeWriter Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        Line("/// <summary>");
        foreach (var line in text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
            Line("/// " + CSharpNames.XmlEscape(line));
        return Line("/// </summary>");
    }

    public override string ToString() => _sb.ToString();
}
