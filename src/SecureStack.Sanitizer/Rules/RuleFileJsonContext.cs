using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// Compile-time JSON metadata for the rule file: reflection-based deserialisation cost about 0.1 s of every
/// one-shot command's start (JIT of its generic converters).
/// </summary>
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RuleFileModel))]
internal sealed partial class RuleFileJsonContext : JsonSerializerContext;
