namespace SecureStack.Sanitizer.Inspection;

/// <summary>What to do with an inspected request body.</summary>
public enum InspectionVerdict
{
    /// <summary>Forward the original bytes unchanged.</summary>
    Allow,

    /// <summary>Forward <see cref="InspectionOutcome.Body"/> instead of the original.</summary>
    Rewritten,

    /// <summary>Refuse with 403 and <see cref="InspectionOutcome.ErrorBody"/>.</summary>
    Rejected,

    /// <summary>Refuse with 400: the body is not the JSON this route takes.</summary>
    BadRequest,
}
