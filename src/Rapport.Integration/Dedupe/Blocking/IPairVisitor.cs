namespace Rapport.Integration.Dedupe.Blocking;

/// <summary>Receives the pairs a rule generates; a struct so the enumeration loop inlines it.</summary>
internal interface IPairVisitor
{
    void Visit(int a, int b);
}
