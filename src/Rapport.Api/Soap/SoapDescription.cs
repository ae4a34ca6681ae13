using System.Globalization;
using System.Xml;
using Rapport.Domain.Metadata;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// The answer of a Describe operation: every field of the object as it is now, custom fields included
/// (named <c>custom.name</c>, as in query conditions), with the metadata API's type names.
/// </summary>
public static class SoapDescription
{
    public static void Write(XmlWriter w, ObjectSchema schema)
    {
        var def = schema.Definition;
        w.WriteStartElement("object", Namespace);
        w.WriteElementString("name", Namespace, def.Name);
        w.WriteElementString("singular", Namespace, def.Singular);
        w.WriteElementString("label", Namespace, def.Label);
        Field(w, schema, new FieldDef { Name = SystemFields.Id, Kind = FieldKind.Reference, ReadOnly = true, Label = "Id" }, "");
        foreach (var field in def.Fields) Field(w, schema, field, "");
        Field(w, schema, new FieldDef { Name = SystemFields.OwnerId, Kind = FieldKind.Reference, Target = "users", Label = "Owner" }, "");
        Field(w, schema, new FieldDef { Name = SystemFields.ExternalIds, Kind = FieldKind.Object, Label = "External ids" }, "");
        foreach (var field in schema.CustomFields) Field(w, schema, field, "custom.");
        Field(w, schema, new FieldDef { Name = SystemFields.CreatedAt, Kind = FieldKind.DateTime, ReadOnly = true, Label = "Created at" }, "");
        Field(w, schema, new FieldDef { Name = SystemFields.UpdatedAt, Kind = FieldKind.DateTime, ReadOnly = true, Label = "Updated at" }, "");
        Field(w, schema, new FieldDef { Name = SystemFields.Version, Kind = FieldKind.Integer, ReadOnly = true, Label = "Version" }, "");
        w.WriteEndElement();
    }

    private static void Field(XmlWriter w, ObjectSchema schema, FieldDef field, string prefix)
    {
        w.WriteStartElement("field", Namespace);
        w.WriteElementString("name", Namespace, prefix + field.Name);
        if (field.Label is { } label) w.WriteElementString("label", Namespace, label);
        w.WriteElementString("type", Namespace, TypeName(field.Kind));
        w.WriteElementString("required", Namespace, Bool(field.Required));
        w.WriteElementString("readOnly", Namespace, Bool(field.ReadOnly));
        w.WriteElementString("unique", Namespace, Bool(field.Unique));
        w.WriteElementString("custom", Namespace, Bool(field.IsCustom));
        if (field.IsScalar && field.Kind is FieldKind.Text or FieldKind.Email or FieldKind.Phone or FieldKind.Url)
            w.WriteElementString("maxLength", Namespace, field.MaxLength.ToString(CultureInfo.InvariantCulture));
        if (field.Target is { } target) w.WriteElementString("target", Namespace, target);
        foreach (var option in schema.OptionsOf(field) ?? []) w.WriteElementString("option", Namespace, option);
        foreach (var child in field.Children ?? []) Field(w, schema, child, "");
        w.WriteEndElement();
    }

    /// <summary>The type names of the metadata API for custom fields, extended to the kinds only standard fields have.</summary>
    public static string TypeName(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "number",
        FieldKind.Money => "currency",
        FieldKind.DateTime => "datetime",
        FieldKind.MultiPicklist => "multipicklist",
        FieldKind.Reference => "lookup",
        FieldKind.CurrencyCode => "currencyCode",
        FieldKind.CountryCode => "countryCode",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
