using System.Globalization;
using System.Text;

namespace Rapport.Api.Usage;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): per metric family one <c># HELP</c> and one
/// <c># TYPE</c> line followed by all its samples, label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>),
/// histograms as cumulative <c>_bucket</c> lines ending with <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>.
/// </summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _current;

    /// <summary>Starts a family; its samples must follow before the next one starts. <paramref name="type"/>: counter, gauge, histogram.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        CheckName(name, metric: true);
        if (type is not ("counter" or "gauge" or "histogram" or "untyped")) throw new ArgumentException($"Unknown metric type '{type}'.", nameof(type));
        if (!_families.Add(name)) throw new InvalidOperationException($"The family {name} was already written; a family is one block.");
        _current = name;
        _text.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help)
        {
            if (c == '\\') _text.Append("\\\\");
            else if (c == '\n') _text.Append("\\n");
            else _text.Append(c);
        }
        _text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(ReadOnlySpan<(string Name, string Value)> labels, long value) =>
        Line(Current(), "", labels, null, value.ToString(CultureInfo.InvariantCulture));

    public PrometheusText Sample(ReadOnlySpan<(string Name, string Value)> labels, double value) =>
        Line(Current(), "", labels, null, Number(value));

    /// <summary>One histogram series: <paramref name="counts"/> per band (not cumulative), the last one above every bound.</summary>
    public PrometheusText Histogram(ReadOnlySpan<(string Name, string Value)> labels, ReadOnlySpan<long> counts, IReadOnlyList<double> upperBounds, double sum)
    {
        if (counts.Length != upperBounds.Count + 1) throw new ArgumentException("A histogram has one band more than bounds (the +Inf band).", nameof(counts));
        var name = Current();
        long cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            var le = i < upperBounds.Count ? Number(upperBounds[i]) : "+Inf";
            Line(name, "_bucket", labels, le, cumulative.ToString(CultureInfo.InvariantCulture));
        }
        Line(name, "_sum", labels, null, Number(sum));
        return Line(name, "_count", labels, null, cumulative.ToString(CultureInfo.InvariantCulture));
    }

    public override string ToString() => _text.ToString();

    private PrometheusText Line(string name, string suffix, ReadOnlySpan<(string Name, string Value)> labels, string? le, string value)
    {
        _text.Append(name).Append(suffix);
        if (labels.Length > 0 || le is not null)
        {
            _text.Append('{');
            var first = true;
            foreach (var (labelName, labelValue) in labels)
            {
                CheckName(labelName, metric: false);
                if (!first) _text.Append(',');
                first = false;
                _text.Append(labelName).Append("=\"");
                AppendEscaped(labelValue);
                _text.Append('"');
            }
            if (le is not null) _text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            _text.Append('}');
        }
        _text.Append(' ').Append(value).Append('\n');
        return this;
    }

    private void AppendEscaped(string value)
    {
        foreach (var c in value)
        {
            if (c == '\\') _text.Append("\\\\");
            else if (c == '"') _text.Append("\\\"");
            else if (c == '\n') _text.Append("\\n");
            else _text.Append(c);
        }
    }

    private string Current() => _current ?? throw new InvalidOperationException("Start a family before its samples.");

    /// <summary>A sample value as Prometheus reads it: shortest round-trip decimal, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static void CheckName(string name, bool metric)
    {
        var ok = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_' || (metric && name[0] == ':'));
        foreach (var c in name) ok &= char.IsAsciiLetterOrDigit(c) || c == '_' || (metric && c == ':');
        if (!ok || (!metric && (name == "le" || name.StartsWith("__", StringComparison.Ordinal))))
            throw new ArgumentException($"'{name}' is not a valid Prometheus {(metric ? "metric" : "label")} name.", nameof(name));
    }
}
