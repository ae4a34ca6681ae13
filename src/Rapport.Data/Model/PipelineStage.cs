namespace Rapport.Data.Model;

/// <summary>An opportunity stage (table <c>pipeline_stages</c>).</summary>
public sealed class PipelineStage
{
    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public int Probability { get; set; }
    public int Position { get; set; }
    public bool IsClosed { get; set; }
    public bool IsWon { get; set; }
}
