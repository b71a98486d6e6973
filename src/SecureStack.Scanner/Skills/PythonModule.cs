namespace SecureStack.Scanner.Skills;

/// <summary>
/// What one Python module (a .py or a .pyc) of the skill imports, and where it reads credentials or sends data,
/// so capabilities split across modules can be linked through the imports between them.
/// </summary>
internal sealed record PythonModule(string File, IReadOnlySet<string> Imports, IReadOnlyList<Evidence> Reads, IReadOnlyList<Evidence> Sends)
{
    /// <summary>The names other modules import this one by: <c>identity</c> and <c>cloudsync.identity</c> for cloudsync/identity.py.</summary>
    public IEnumerable<string> ImportNames()
    {
        var path = File.Contains("!/", StringComparison.Ordinal) ? File[(File.LastIndexOf("!/", StringComparison.Ordinal) + 2)..] : File;
        var parts = path.Split('/').Where(p => p != "__pycache__").ToList();
        var stem = parts[^1];
        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        stem = dot > 0 ? stem[..dot] : stem;
        parts[^1] = stem;
        if (stem == "__init__")
        {
            parts.RemoveAt(parts.Count - 1);
        }
        for (var i = 0; i < parts.Count; i++)
        {
            yield return string.Join('.', parts.Skip(i));
        }
    }
}
