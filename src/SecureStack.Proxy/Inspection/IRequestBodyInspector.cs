namespace SecureStack.Proxy.Inspection;

/// <summary>
/// The seam for the prompt sanitizer on HTTP: every registered inspector sees each LLM-bound body
/// (chat completions, responses, hooks, tools/invoke), in registration order; a replacement is what the
/// next inspector and the gateway see; the first refusal stops the request. An inspector that throws
/// refuses the request (fail closed).
/// </summary>
public interface IRequestBodyInspector
{
    string Name { get; }

    ValueTask<InspectionVerdict> InspectAsync(RequestBodyContext context, CancellationToken cancellationToken);
}
