namespace SecureStack.Sanitizer.Inspection;

/// <summary>What to do with an inspected request body.</summary>
public enum InspectionVerdict
{
    /// <summary>Forward the original bytes unchanged.</summary>
    Allow,

    /// <summary>Forward <see cref="InspectionOutcome.Body"/> instead of the original.</summary>
    Rewritten,

    /// <summary>Refuse: a rule or the policy says no.</summary>
    Rejected,

    /// <summary>Refuse: the body is not the JSON this route takes.</summary>
    BadRequest,
}
