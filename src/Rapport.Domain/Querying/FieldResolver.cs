using Rapport.Domain.Metadata;

namespace Rapport.Domain.Querying;

/// <summary>Resolves a dotted field path to where its value lives, for filters, sorts and cursors.</summary>
public static class FieldResolver
{
    public static FieldRef? Resolve(ObjectSchema schema, string path)
    {
        switch (path)
        {
            case SystemFields.Id: return Col(path, FieldKind.Reference, "id");
            case SystemFields.CreatedAt: return Col(path, FieldKind.DateTime, "created_at");
            case SystemFields.UpdatedAt: return Col(path, FieldKind.DateTime, "updated_at");
            case SystemFields.Version: return Col(path, FieldKind.Integer, "version");
            case SystemFields.OwnerId: return Col(path, FieldKind.Reference, "owner_id");
        }
        var dot = path.IndexOf('.');
        var head = dot < 0 ? path : path[..dot];
        var rest = dot < 0 ? null : path[(dot + 1)..];
        if (head == SystemFields.Custom && rest is not null)
        {
            var custom = schema.Custom(rest);
            if (custom is null || custom.Kind == FieldKind.MultiPicklist) return null;
            return new FieldRef(path, custom.Kind, FieldLocation.Json, "custom", [rest]);
        }
        if (head == SystemFields.ExternalIds && rest is not null)
            return Validation.FieldFormats.IsExternalSystemName(rest) ? new FieldRef(path, FieldKind.Text, FieldLocation.ExternalId, "external_ids", [rest]) : null;

        var def = schema.Definition;
        if (rest is null && (head == "email" || head == "phone") && def.Fields.Any(f => f.PrimaryColumn == head))
            return Col(path, head == "email" ? FieldKind.Email : FieldKind.Phone, head);
        var field = def.Field(head);
        if (field?.Column is null) return null;
        if (rest is null) return field.IsScalar ? Col(path, field.Kind, field.Column) : null;
        if (field.Kind != FieldKind.Object) return null;
        var segments = rest.Split('.');
        var current = field;
        foreach (var segment in segments)
        {
            current = current.Child(segment);
            if (current is null) return null;
        }
        return current.IsScalar ? new FieldRef(path, current.Kind, FieldLocation.Json, field.Column, segments) : null;
    }

    private static FieldRef Col(string path, FieldKind kind, string column) => new(path, kind, FieldLocation.Column, column, []);
}
