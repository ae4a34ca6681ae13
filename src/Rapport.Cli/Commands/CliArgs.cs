namespace Rapport.Cli.Commands;

/// <summary>A small, strict parser: <c>--name value</c>, <c>--name=value</c> and flags; anything unknown is a usage error.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CliArgs() { }

    public List<string> Positionals { get; } = [];

    public static CliArgs Parse(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var result = new CliArgs();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { result.Positionals.Add(arg); continue; }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flags.Contains(name))
            {
                if (eq > 0) throw new UsageException($"--{name} takes no value.");
                result._options[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (eq > 0) value = arg[(eq + 1)..];
                else if (e.MoveNext()) value = e.Current;
                else throw new UsageException($"--{name} needs a value.");
                result._options[name] = value;
            }
            else throw new UsageException($"Unknown option --{name}.");
        }
        return result;
    }

    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public bool Has(string name) => _options.ContainsKey(name);
}

/// <summary>Bad command-line usage: exit code 2 with a one-line message.</summary>
public sealed class UsageException(string message) : Exception(message);
