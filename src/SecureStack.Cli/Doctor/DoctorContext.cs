using SecureStack.Cli.Doctor.Compose;
using SecureStack.Cli.Doctor.Env;
using SecureStack.Cli.Doctor.OpenClaw;

namespace SecureStack.Cli.Doctor;

/// <summary>
/// The deployment files, loaded once. A file that was asked for but could not be read is null here and
/// its error is in <see cref="LoadFailures"/>, so the report says what is wrong instead of crashing.
/// </summary>
internal sealed class DoctorContext
{
    private DoctorContext(DoctorOptions options)
    {
        Options = options;
    }

    public DoctorOptions Options { get; }

    public ComposeFile? Compose { get; private set; }

    public EnvFile? Env { get; private set; }

    public OpenClawConfig? OpenClaw { get; private set; }

    public List<CheckResult> LoadFailures { get; } = [];

    public static DoctorContext Load(DoctorOptions options)
    {
        var context = new DoctorContext(options);
        if (options.ComposePath is { } compose)
        {
            context.Compose = context.TryLoad("compose.load", compose, ComposeFile.Load,
                "restore it with `git checkout -- docker-compose.yml` or pass --compose PATH");
        }
        if (options.EnvPath is { } env)
        {
            context.Env = context.TryLoad("env.load", env, EnvFile.Load, "run ./install.sh, which writes .env from .env.example");
        }
        if (options.OpenClawConfigPath is { } openClaw)
        {
            context.OpenClaw = context.TryLoad("openclaw.load", openClaw, OpenClawConfig.Load,
                options.Mode == DeploymentMode.Local
                    ? "run ./install.sh --local, which writes the gateway config"
                    : "restore it with `git checkout -- config/openclaw/` or pass --openclaw-config PATH");
        }
        return context;
    }

    private T? TryLoad<T>(string id, string path, Func<string, T> load, string fix)
        where T : class
    {
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            LoadFailures.Add(CheckResult.Fail(id, path, e.Message, fix));
            return null;
        }
    }
}
