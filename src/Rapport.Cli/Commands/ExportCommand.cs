using Microsoft.Extensions.DependencyInjection;
using Rapport.Api.Bulk;
using Rapport.Domain.Metadata;
using Rapport.Domain.Validation;
using Rapport.Integration.Formats;

namespace Rapport.Cli.Commands;

/// <summary>
/// <c>rapport export OBJECT [--format F] [--out FILE] [field=value | field[op]=value ...] [--sort S] [--fields F] [--q TEXT]</c>:
/// the list filters of contract §3, streamed to a file (or stdout) in any export format.
/// </summary>
public static class ExportCommand
{
    public const string Usage =
        "Usage: rapport export OBJECT [--format csv|json|jsonl|xml|xlsx|vcard|ical] [--out FILE] [--sheet NAME] " +
        "[field=value | 'field[op]=value' ...] [--sort FIELDS] [--fields FIELDS] [--q TEXT] [--quiet] [--db ...]";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "format", "out", "sheet", "sort", "fields", "q", "db" }, new HashSet<string> { "quiet" });
        if (parsed.Positionals.Count == 0) throw new UsageException(Usage);
        var def = StandardObjects.Find(parsed.Positionals[0])
            ?? throw new UsageException($"'{parsed.Positionals[0]}' is not an object; use one of {string.Join(", ", StandardObjects.All.Select(d => d.Name))}.");
        var output = parsed.Value("out");
        var format = parsed.Value("format") is { } f
            ? RowReaders.Parse(f) ?? throw new UsageException($"--format must be csv, json, jsonl, xml, xlsx, vcard or ical, not '{f}'.")
            : output is not null ? RowReaders.FromFileName(output) ?? DataFormat.Csv : DataFormat.Csv;
        if (format == DataFormat.Xlsx && output is null) throw new UsageException("XLSX is binary: give --out FILE.");
        var query = new List<KeyValuePair<string, string>>();
        foreach (var filter in parsed.Positionals.Skip(1))
        {
            var eq = filter.IndexOf('=');
            if (eq <= 0) throw new UsageException($"'{filter}' is not a filter; write field=value or field[op]=value.");
            query.Add(new(filter[..eq], filter[(eq + 1)..]));
        }
        foreach (var name in (string[])["sort", "fields", "q"])
            if (parsed.Value(name) is { } value) query.Add(new(name, value));
        var options = new ExportOptions { Query = query, Sheet = parsed.Value("sheet") };

        await using var services = await CliServices.StartAsync(DatabaseOption.Resolve(parsed), ct);
        var exporter = services.GetRequiredService<Exporter>();
        try
        {
            await exporter.ValidateAsync(def, options, ct);
        }
        catch (ValidationException e)
        {
            throw new UsageException(e.Summary);
        }
        var quiet = parsed.Has("quiet") || output is null;
        var display = new ProgressDisplay(def.Name, quiet);
        var temp = output is null ? null : output + ".part";
        long written;
        try
        {
            await using (var stream = temp is null ? Console.OpenStandardOutput() : new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                written = await exporter.ExportAsync(def, format, options, stream, n => display.Show(n, null), ct);
            if (temp is not null) File.Move(temp, output!, overwrite: true);
        }
        catch (JobFailure e)
        {
            throw new UsageException(e.Message);
        }
        finally
        {
            if (temp is not null && File.Exists(temp)) File.Delete(temp);
        }
        display.Show(written, null, final: true);
        if (output is not null && !parsed.Has("quiet"))
            Console.Error.WriteLine($"exported {written:N0} {def.Name} to {output} in {display.Elapsed.TotalSeconds:N1} s");
        return 0;
    }
}
