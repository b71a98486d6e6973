namespace SecureStack.Audit.Tests;

/// <summary>A fresh directory under /tmp, deleted (read-only files included) when disposed.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "securestack-audit-" + Guid.NewGuid().ToString("N"));

    public string LogPath => System.IO.Path.Combine(Path, "audit.jsonl");

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Path, recursive: true);
    }
}
