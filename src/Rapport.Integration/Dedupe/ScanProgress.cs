namespace Rapport.Integration.Dedupe;

/// <summary>The stages of a scan, in order, for progress reports of long scans.</summary>
public enum ScanStage
{
    Preparing,
    Blocking,
    Training,
    Scoring,
    Clustering,
}

/// <summary>How far a scan is: its stage and the finished fraction of that stage.</summary>
public readonly record struct ScanProgress(ScanStage Stage, double Fraction);
