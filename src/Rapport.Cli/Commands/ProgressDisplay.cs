using System.Diagnostics;
using System.Globalization;

namespace Rapport.Cli.Commands;

/// <summary>
/// Shows how a long command is getting on, on stderr: a bar with the rate and time left on a terminal,
/// a plain line every few seconds when stderr is redirected (logs, CI), nothing with <c>quiet</c>.
/// </summary>
public sealed class ProgressDisplay(string label, bool quiet)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan? _lastShown;
    private long _startRows = -1;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <param name="fraction">0..1 when the total is known (bytes read of the file), null otherwise.</param>
    public void Show(long rows, double? fraction, bool final = false)
    {
        if (quiet) return;
        if (_startRows < 0) _startRows = rows;
        var now = _clock.Elapsed;
        var every = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (!final && _lastShown is { } last && now - last < every) return;
        _lastShown = now;
        var seconds = Math.Max(now.TotalSeconds, 0.001);
        var rate = (rows - _startRows) / seconds;
        var text = new System.Text.StringBuilder();
        text.Append(label).Append(": ");
        if (fraction is { } f)
        {
            f = Math.Clamp(f, 0, 1);
            if (_terminal)
            {
                const int width = 24;
                var filled = (int)Math.Round(f * width);
                text.Append('[').Append('#', filled).Append('-', width - filled).Append("] ");
            }
            text.Append((f * 100).ToString("0.0", CultureInfo.InvariantCulture)).Append("%  ");
        }
        text.Append(rows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows  ")
            .Append(rate.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows/s");
        if (fraction is > 0.01 and < 1 && !final)
        {
            var left = TimeSpan.FromSeconds(seconds * (1 - fraction.Value) / fraction.Value);
            text.Append("  ").Append(left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)).Append(" left");
        }
        if (_terminal) Console.Error.Write("\r" + text.ToString().PadRight(90) + (final ? "\n" : ""));
        else Console.Error.WriteLine(text.ToString());
    }
}
