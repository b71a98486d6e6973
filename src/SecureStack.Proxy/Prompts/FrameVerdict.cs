namespace SecureStack.Proxy.Prompts;

/// <summary>What to do with one client WebSocket text frame.</summary>
public enum FrameVerdict
{
    /// <summary>Forward the original frame.</summary>
    Forward,

    /// <summary>Forward <see cref="FrameOutcome.Frame"/> instead (stripped fields).</summary>
    ForwardRewritten,

    /// <summary>Do not forward; send <see cref="FrameOutcome.Frame"/> (a <c>res</c> error frame) back to the client. The connection stays open.</summary>
    Refuse,
}
