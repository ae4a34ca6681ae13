namespace Rapport.Integration.Mapping;

internal enum SpecNodeKind
{
    Null,
    Scalar,
    Map,
    List,
}
