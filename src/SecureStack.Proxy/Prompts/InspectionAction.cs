namespace SecureStack.Proxy.Prompts;

/// <summary>What <see cref="RequestInspector"/> found should happen to a body; the proxy turns it into its <see cref="Inspection.InspectionVerdict"/>.</summary>
public enum InspectionAction
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
