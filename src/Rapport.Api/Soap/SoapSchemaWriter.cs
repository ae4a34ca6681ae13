using System.Xml;
using Rapport.Domain.Metadata;
using Rapport.Domain.Querying;
using static Rapport.Api.Soap.SoapNames;

namespace Rapport.Api.Soap;

/// <summary>
/// Writes the one XML Schema of the SOAP API: a complex type per object (custom fields included, so
/// the schema changes the moment a field is added), its nested types, the wrapper element of every
/// operation and the fault detail. The WSDL embeds it; <c>/soap/v1?xsd</c> serves it alone.
/// </summary>
public static class SoapSchemaWriter
{
    public static IReadOnlyList<string> Operators => ListQueryParser.OperatorNames;

    public static void Write(XmlWriter w, IReadOnlyList<ObjectSchema> schemas)
    {
        w.WriteStartElement("xs", "schema", Xsd);
        w.WriteAttributeString("xmlns", "tns", null, Namespace);
        w.WriteAttributeString("targetNamespace", Namespace);
        w.WriteAttributeString("elementFormDefault", "qualified");
        WriteSharedTypes(w);
        foreach (var schema in schemas)
        {
            WriteRecordTypes(w, schema);
            WriteOperationElements(w, schema.Definition);
        }
        w.WriteEndElement();
    }

    private static void WriteSharedTypes(XmlWriter w)
    {
        w.WriteStartElement("xs", "element", Xsd);
        w.WriteAttributeString("name", ProblemElement);
        w.WriteAttributeString("type", "tns:Problem");
        w.WriteEndElement();
        Complex(w, "Problem", () =>
        {
            Element(w, "type", "xs:string", min: 1);
            Element(w, "title", "xs:string", min: 1);
            Element(w, "status", "xs:int", min: 1);
            Element(w, "detail", "xs:string", min: 1);
            Element(w, "traceId", "xs:string");
            Element(w, "error", "tns:FieldError", many: true);
        });
        Complex(w, "FieldError", () =>
        {
            Element(w, "field", "xs:string", min: 1);
            Element(w, "message", "xs:string", min: 1, many: true);
        });
        Complex(w, "Values", () => Element(w, "value", "xs:string", many: true));
        Complex(w, "ExternalIds", () => Element(w, "externalId", "tns:ExternalId", many: true));
        Complex(w, "ExternalId", () =>
        {
            Element(w, "system", "xs:string", min: 1);
            Element(w, "id", "xs:string", min: 1);
        });
        Complex(w, "Condition", () =>
        {
            Element(w, "field", "xs:string", min: 1);
            Element(w, "operator", "tns:Operator", min: 1);
            Element(w, "value", "xs:string");
        });
        w.WriteStartElement("xs", "simpleType", Xsd);
        w.WriteAttributeString("name", "Operator");
        w.WriteStartElement("xs", "restriction", Xsd);
        w.WriteAttributeString("base", "xs:string");
        foreach (var op in Operators)
        {
            w.WriteStartElement("xs", "enumeration", Xsd);
            w.WriteAttributeString("value", op);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        Complex(w, "ObjectDescription", () =>
        {
            Element(w, "name", "xs:string", min: 1);
            Element(w, "singular", "xs:string", min: 1);
            Element(w, "label", "xs:string", min: 1);
            Element(w, "field", "tns:FieldDescription", many: true);
        });
        Complex(w, "FieldDescription", () =>
        {
            Element(w, "name", "xs:string", min: 1);
            Element(w, "label", "xs:string");
            Element(w, "type", "xs:string", min: 1);
            Element(w, "required", "xs:boolean", min: 1);
            Element(w, "readOnly", "xs:boolean", min: 1);
            Element(w, "unique", "xs:boolean", min: 1);
            Element(w, "custom", "xs:boolean", min: 1);
            Element(w, "maxLength", "xs:int");
            Element(w, "target", "xs:string");
            Element(w, "option", "xs:string", many: true);
            Element(w, "field", "tns:FieldDescription", many: true);
        });
    }

    private static void WriteRecordTypes(XmlWriter w, ObjectSchema schema)
    {
        var def = schema.Definition;
        var type = TypeName(def);
        Complex(w, type, () =>
        {
            Element(w, SystemFields.Id, "xs:string");
            foreach (var field in def.Fields) Element(w, field.Name, TypeOf(type, field), nillable: true);
            Element(w, SystemFields.OwnerId, "xs:string", nillable: true);
            Element(w, SystemFields.ExternalIds, "tns:ExternalIds");
            Element(w, SystemFields.Custom, $"tns:{type}Custom");
            Element(w, SystemFields.CreatedAt, "xs:dateTime");
            Element(w, SystemFields.UpdatedAt, "xs:dateTime");
            Element(w, SystemFields.Version, "xs:long");
        });
        foreach (var field in def.Fields) WriteNestedTypes(w, type, field);
        Complex(w, type + "Custom", () =>
        {
            foreach (var field in schema.CustomFields) Element(w, field.Name, TypeOf(type + "Custom", field), nillable: true);
        });
    }

    /// <summary>The complex types of an object or array field, and of anything nested inside them.</summary>
    private static void WriteNestedTypes(XmlWriter w, string owner, FieldDef field)
    {
        var children = field.Children ?? [];
        switch (field.Kind)
        {
            case FieldKind.Object:
                var objectType = owner + Pascal(field.Name);
                Complex(w, objectType, () =>
                {
                    foreach (var child in children) Element(w, child.Name, TypeOf(objectType, child), nillable: true);
                });
                foreach (var child in children) WriteNestedTypes(w, objectType, child);
                break;
            case FieldKind.Array:
                var itemName = field.ItemName ?? "item";
                var itemType = owner + Pascal(itemName);
                Complex(w, owner + Pascal(field.Name), () => Element(w, itemName, field.Children is null ? "xs:string" : "tns:" + itemType, many: true));
                if (field.Children is null) break;
                Complex(w, itemType, () =>
                {
                    foreach (var child in children) Element(w, child.Name, TypeOf(itemType, child), nillable: true);
                });
                foreach (var child in children) WriteNestedTypes(w, itemType, child);
                break;
        }
    }

    private static void WriteOperationElements(XmlWriter w, ObjectDef def)
    {
        var record = RecordElement(def);
        var type = "tns:" + TypeName(def);
        foreach (var verb in Verbs)
        {
            var name = OperationName(verb, def);
            switch (verb)
            {
                case SoapVerb.Create:
                    Wrapper(w, name, () => Element(w, record, type, min: 1));
                    Wrapper(w, name + "Response", () => Element(w, record, type, min: 1));
                    break;
                case SoapVerb.Retrieve:
                    Wrapper(w, name, () => Element(w, "id", "xs:string", min: 1));
                    Wrapper(w, name + "Response", () => Element(w, record, type, min: 1));
                    break;
                case SoapVerb.Update:
                    Wrapper(w, name, () =>
                    {
                        Element(w, "id", "xs:string", min: 1);
                        Element(w, "version", "xs:long");
                        Element(w, record, type, min: 1);
                    });
                    Wrapper(w, name + "Response", () => Element(w, record, type, min: 1));
                    break;
                case SoapVerb.Delete:
                    Wrapper(w, name, () =>
                    {
                        Element(w, "id", "xs:string", min: 1);
                        Element(w, "version", "xs:long");
                    });
                    Wrapper(w, name + "Response", () => Element(w, "id", "xs:string", min: 1));
                    break;
                case SoapVerb.Upsert:
                    Wrapper(w, name, () =>
                    {
                        Element(w, "system", "xs:string", min: 1);
                        Element(w, "externalId", "xs:string", min: 1);
                        Element(w, record, type, min: 1);
                    });
                    Wrapper(w, name + "Response", () =>
                    {
                        Element(w, "created", "xs:boolean", min: 1);
                        Element(w, record, type, min: 1);
                    });
                    break;
                case SoapVerb.Query:
                    Wrapper(w, name, () =>
                    {
                        Element(w, "where", "tns:Condition", many: true);
                        Element(w, "q", "xs:string");
                        Element(w, "sort", "xs:string");
                        Element(w, "fields", "xs:string");
                        Element(w, "limit", "xs:int");
                        Element(w, "cursor", "xs:string");
                    });
                    Wrapper(w, name + "Response", () =>
                    {
                        Element(w, record, type, many: true);
                        Element(w, "nextCursor", "xs:string");
                    });
                    break;
                case SoapVerb.Describe:
                    Wrapper(w, name, () => { });
                    Wrapper(w, name + "Response", () => Element(w, "object", "tns:ObjectDescription", min: 1));
                    break;
            }
        }
    }

    /// <summary>The schema type of a field's element; object and array fields get the nested type named after their owner.</summary>
    private static string TypeOf(string owner, FieldDef field) => field.Kind switch
    {
        FieldKind.Object or FieldKind.Array => "tns:" + owner + Pascal(field.Name),
        FieldKind.MultiPicklist => "tns:Values",
        FieldKind.Integer => "xs:long",
        FieldKind.Decimal or FieldKind.Money => "xs:decimal",
        FieldKind.Date => "xs:date",
        FieldKind.DateTime => "xs:dateTime",
        FieldKind.Boolean => "xs:boolean",
        _ => "xs:string",
    };

    private static void Complex(XmlWriter w, string name, Action sequence)
    {
        w.WriteStartElement("xs", "complexType", Xsd);
        w.WriteAttributeString("name", name);
        w.WriteStartElement("xs", "sequence", Xsd);
        sequence();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Wrapper(XmlWriter w, string name, Action sequence)
    {
        w.WriteStartElement("xs", "element", Xsd);
        w.WriteAttributeString("name", name);
        w.WriteStartElement("xs", "complexType", Xsd);
        w.WriteStartElement("xs", "sequence", Xsd);
        sequence();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string name, string type, int min = 0, bool many = false, bool nillable = false)
    {
        w.WriteStartElement("xs", "element", Xsd);
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("minOccurs", min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (many) w.WriteAttributeString("maxOccurs", "unbounded");
        if (nillable) w.WriteAttributeString("nillable", "true");
        w.WriteEndElement();
    }
}
