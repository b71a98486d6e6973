namespace SecureStack.Security.Tests.Fuzzing.Regressions;

/// <summary>Client frames that used to fault the proxy's relay session (an unhandled exception, connection dropped).</summary>
[Collection(RelayCollection.Name)]
public sealed class RelayRegressionTests(RelayFixture fixture)
{
    [Theory]
    [InlineData("{\"params\":{\"name\":1},\"params\":{\"task\":2}}")]
    [InlineData("{\"type\":\"req\",\"type\":\"req\",\"id\":1,\"method\":\"chat.send\",\"params\":{}}")]
    [InlineData("{\"type\":\"req\",\"id\":1,\"method\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"req\",\"id\":1,\"method\":\"connect\",\"params\":{\"\\udc00\":1}}")]
    public void Relay_RepeatedKeyOrLoneSurrogate_ClosesTheConnectionAsMalformed(string frame)
    {
        var outcome = fixture.Harness.Send(frame);

        Assert.Equal(RelayOutcomeKind.Closed, outcome.Kind);
        Assert.Equal("PolicyViolation", outcome.Detail);
    }

    /// <summary>A frame whose "type" is not a string used to throw from JsonElement.ValueEquals and drop the connection.</summary>
    [Theory]
    [InlineData("{\"type\":-1.5e300}")]
    [InlineData("{\"type\":{},\"id\":1,\"method\":\"chat.send\"}")]
    public void Relay_NonStringType_ClosesTheConnectionAsMalformed(string frame)
    {
        var outcome = fixture.Harness.Send(frame);

        Assert.Equal(RelayOutcomeKind.Closed, outcome.Kind);
        Assert.Equal("PolicyViolation", outcome.Detail);
    }

    /// <summary>
    /// Invalid UTF-8 in a text frame never reaches the relay's parser: the WebSocket layer under it closes with
    /// 1007 (RFC 6455 §7.4.1), not the relay's 1008 for malformed requests.
    /// </summary>
    [Fact]
    public void Relay_InvalidUtf8_ClosesTheConnectionAsInvalidPayloadData()
    {
        byte[] frame = [.. "{\"type\":\"req\",\"id\":1,\"method\":\"chat.send\",\"params\":{\"message\":\""u8, 0xC3, 0x28, .. "\"}}"u8];

        var outcome = fixture.Harness.Send(frame);

        Assert.Equal(RelayOutcomeKind.Closed, outcome.Kind);
        Assert.Equal("InvalidPayloadData", outcome.Detail);
    }
}
