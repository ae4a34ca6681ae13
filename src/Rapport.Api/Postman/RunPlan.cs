using System.Text.Json.Nodes;

namespace Rapport.Api.Postman;

/// <summary>A path parameter's value in the collection: a literal example, or a variable such as <c>{{contactId}}</c>.</summary>
internal sealed record PathValue(string Name, string Value, string? Description);

/// <summary>One request of the collection, placed in the run and told what it needs and what it stores.</summary>
internal sealed record PlannedRequest(
    OpenApiOperation Operation,
    IReadOnlyList<PathValue> PathValues,
    string? BodyMediaType,
    JsonNode? Body,
    string? StoresVariable,
    string? StoresFrom,
    IReadOnlyList<string> Blockers)
{
    /// <summary>Whether newman can run it against a fresh server with no data of yours.</summary>
    public bool Unattended => Blockers.Count == 0;
}

/// <summary>
/// Orders the operations so the collection runs top to bottom against an empty server: per resource,
/// create first (its test stores the new id), then reads, changes, sub-resources, delete and restore
/// last, so the record is live again for the folders after it. Each request needs only variables an
/// earlier request stores; one that needs something else (a job, a merge, a webhook delivery, a file,
/// a server-wide setting) is listed with the reason and kept out of the unattended run.
/// </summary>
internal static class RunPlan
{
    /// <summary>Calls that would work but change the whole server's behaviour, so the run leaves them to a person.</summary>
    private static readonly Dictionary<string, string> ServerWide = new(StringComparer.Ordinal)
    {
        ["setNormalisation"] = "changes how every record of the object is normalised, for the whole server",
        ["setMatching"] = "changes how duplicates are found, for the whole server",
        ["replacePipeline"] = "replaces the opportunity pipeline of the whole server",
    };

    public static IReadOnlyList<(string Tag, string? Description, IReadOnlyList<PlannedRequest> Requests)> Build(OpenApiReader reader)
    {
        var operations = reader.Operations();
        var paths = operations.Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        var creates = Creates(operations, paths);
        var examples = new ExampleValues(reader);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var folders = new List<(string, string?, IReadOnlyList<PlannedRequest>)>();
        foreach (var (tag, description) in reader.Tags(operations).OrderBy(t => t.Name == OpenApi.Tags.OAuth ? 0 : 1))
        {
            var requests = new List<PlannedRequest>();
            foreach (var operation in Order(operations.Where(o => o.Tag == tag).ToList(), paths))
                requests.Add(Plan(reader, examples, operation, creates, stored));
            if (requests.Count > 0) folders.Add((tag, description, requests));
        }
        return folders;
    }

    private static PlannedRequest Plan(OpenApiReader reader, ExampleValues examples, OpenApiOperation operation,
        Dictionary<string, (string Variable, string From)> creates, HashSet<string> stored)
    {
        var blockers = new List<string>();
        if (ServerWide.TryGetValue(operation.OperationId, out var serverWide)) blockers.Add(serverWide);

        var segments = operation.Segments.ToList();
        var values = new List<PathValue>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (!PostmanNames.IsParameter(segments[i])) continue;
            var name = PostmanNames.ParameterName(segments[i]);
            var prefix = "/" + string.Join('/', segments.Take(i));
            var parameter = reader.Parameters(operation, "path").FirstOrDefault(p => p["name"]?.GetValue<string>() == name);
            var description = parameter?["description"]?.GetValue<string>();
            var literal = parameter?["schema"] is JsonObject schema ? examples.Text(schema) : null;
            if (!creates.ContainsKey(prefix) && literal is not null)
            {
                values.Add(new PathValue(name, literal, description));
                continue;
            }
            var variable = PostmanNames.Variable(prefix, name);
            values.Add(new PathValue(name, "{{" + variable + "}}", description));
            if (!stored.Contains(variable)) blockers.Add(Needs(variable));
        }

        string? mediaType = null;
        JsonNode? body = null;
        if (operation.Node["requestBody"] is JsonObject requestBody && reader.Resolve(requestBody)["content"] is JsonObject content)
        {
            mediaType = PreferredMediaType(content);
            if (mediaType.StartsWith("multipart/", StringComparison.Ordinal)) blockers.Add("uploads a file of yours");
            examples.References.Clear();
            body = content[mediaType]?["schema"] is JsonObject bodySchema ? examples.Of(bodySchema) : null;
            blockers.AddRange(examples.References.Where(r => !stored.Contains(r)).Distinct().Select(Needs));
        }

        creates.TryGetValue(operation.Path, out var creation);
        var stores = operation.Method == "POST" && creation.Variable is not null ? creation : default;
        if (blockers.Count == 0 && stores.Variable is not null) stored.Add(stores.Variable);
        return new PlannedRequest(operation, values, mediaType, body, stores.Variable, stores.From, blockers);
    }

    private static string Needs(string variable) =>
        $"needs `{{{{{variable}}}}}`, which no request of the unattended run stores: set it to an existing one first";

    /// <summary>
    /// A POST to a collection path that has an item path (<c>/contacts</c> beside <c>/contacts/{id}</c>)
    /// creates: the item's parameter is read from the answer (the property of that name, else <c>id</c>).
    /// </summary>
    private static Dictionary<string, (string Variable, string From)> Creates(IEnumerable<OpenApiOperation> operations, HashSet<string> paths)
    {
        var creates = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var operation in operations.Where(o => o.Method == "POST"))
        {
            var item = paths.FirstOrDefault(p => IsItemOf(p, operation.Path));
            if (item is null) continue;
            var parameter = PostmanNames.ParameterName(item[(operation.Path.Length + 1)..]);
            creates[operation.Path] = (PostmanNames.Variable(operation.Path, parameter), parameter);
        }
        return creates;
    }

    private static bool IsItemOf(string path, string collection) =>
        path.Length > collection.Length + 1 && path.StartsWith(collection + "/", StringComparison.Ordinal) &&
        path.IndexOf('/', collection.Length + 1) < 0 && PostmanNames.IsParameter(path[(collection.Length + 1)..]);

    /// <summary>
    /// Groups a folder's operations by resource (<c>/contacts</c> with <c>/contacts/{id}</c> and
    /// <c>/contacts/{id}/restore</c>) and emits each group as create, reads and changes, its
    /// sub-resources, delete, restore; groups in the order the document first names them.
    /// </summary>
    private static List<OpenApiOperation> Order(List<OpenApiOperation> operations, HashSet<string> paths)
    {
        var groups = operations.GroupBy(o => ResourceOf(o.Path, paths)).Select(g => (Path: g.Key, Operations: g.ToList())).ToList();
        var ordered = new List<OpenApiOperation>();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups) Emit(group.Path);
        return ordered;

        void Emit(string resource)
        {
            if (!emitted.Add(resource)) return;
            var own = groups.First(g => g.Path == resource).Operations;
            ordered.AddRange(own.Where(o => Phase(o, resource) == 0));
            ordered.AddRange(own.Where(o => Phase(o, resource) == 1));
            foreach (var child in groups.Where(g => g.Path.StartsWith(resource + "/", StringComparison.Ordinal)).Select(g => g.Path).ToList())
                Emit(child);
            ordered.AddRange(own.Where(o => Phase(o, resource) == 2));
            ordered.AddRange(own.Where(o => Phase(o, resource) == 3));
        }
    }

    /// <summary>0 create, 1 reads, changes and other calls, 2 delete, 3 restore.</summary>
    private static int Phase(OpenApiOperation operation, string resource)
    {
        if (operation.Method == "POST" && operation.Path == resource) return 0;
        var isItem = IsItemOf(operation.Path, resource);
        if (operation.Method == "DELETE" && isItem) return 2;
        if (operation.Method == "POST" && operation.Path.EndsWith("/restore", StringComparison.Ordinal)) return 3;
        return 1;
    }

    /// <summary>
    /// The collection path an operation belongs to: itself when it has an item path, the path without
    /// its last parameter for an item, the item's collection for an action on an item
    /// (<c>/contacts/{id}/restore</c>), else itself.
    /// </summary>
    private static string ResourceOf(string path, HashSet<string> paths)
    {
        if (paths.Any(p => IsItemOf(p, path))) return path;
        var cut = path.LastIndexOf('/');
        if (cut <= 0) return path;
        var parent = path[..cut];
        if (PostmanNames.IsParameter(path[(cut + 1)..])) return parent;
        var parentCut = parent.LastIndexOf('/');
        if (parentCut > 0 && PostmanNames.IsParameter(parent[(parentCut + 1)..])) return parent[..parentCut];
        return path;
    }

    private static string PreferredMediaType(JsonObject content)
    {
        var types = content.Select(c => c.Key).ToList();
        return types.FirstOrDefault(t => t.Contains("json", StringComparison.Ordinal))
            ?? types.FirstOrDefault(t => t == "application/x-www-form-urlencoded")
            ?? types.First();
    }
}
