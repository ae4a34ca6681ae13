using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Data.Configurations;

/// <summary>Marks a string property as holding JSON; the provider decides the column type (jsonb on PostgreSQL).</summary>
public static class JsonColumn
{
    public const string Annotation = "Rapport:Json";

    public static PropertyBuilder<string?> IsJson(this PropertyBuilder<string?> property) =>
        property.HasAnnotation(Annotation, true);
}
