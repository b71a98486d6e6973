namespace SecureStack.Quarantine.Moves;

/// <summary>The points a move passes; a crash between any two is completed on the next start.</summary>
public enum MoveStep
{
    IntentRecorded,
    Renamed,
    CopyStarted,
    Copied,
    Published,
    SourceDeleteStarted,
    SourceDeleted,
    NoticeWritten,
}
