using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureStack.Audit.Settings;

namespace SecureStack.Audit.Tests.Settings;

/// <summary>Settings registered with <see cref="SettingsRegistration.AddSettings{T, TError}"/> are validated before a service starts.</summary>
public sealed class ServiceCompositionTests
{
    private sealed record Sample(int Port)
    {
        public void Validate()
        {
            if (Port is < 1 or > 65535)
            {
                throw new ArgumentException($"--port must be 1 to 65535 (got {Port})");
            }
        }
    }

    [Fact]
    public void Build_WithGoodSettings_HandsOutTheReadValueAsOptionsAndItself()
    {
        var settings = new Sample(3128);

        using var services = ServiceComposition.Build(s => s.AddSettings<Sample, ArgumentException>(settings, o => o.Validate()));

        Assert.Same(settings, services.GetRequiredService<IOptions<Sample>>().Value);
        Assert.Same(settings, services.GetRequiredService<Sample>());
    }

    [Fact]
    public void Build_WithABadSetting_FailsNamingIt()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            ServiceComposition.Build(s => s.AddSettings<Sample, ArgumentException>(new Sample(0), o => o.Validate())));

        Assert.Equal("--port must be 1 to 65535 (got 0)", error.Message);
    }

    [Fact]
    public void Build_DoesNotTurnOtherFailuresIntoValidationResults()
    {
        Assert.Throws<InvalidOperationException>(() =>
            ServiceComposition.Build(s => s.AddSettings<Sample, ArgumentException>(new Sample(1), _ => throw new InvalidOperationException("bug"))));
    }
}
