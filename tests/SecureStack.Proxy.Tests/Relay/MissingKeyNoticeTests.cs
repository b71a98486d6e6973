using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Relay;

namespace SecureStack.Proxy.Tests.Relay;

/// <summary>
/// What the proxy renames on the way back after the relay refused for a missing key: only OpenClaw's 409 copy in a
/// chat error event, and only for two minutes; the end-to-end half is OpenClawMissingKeyTests.
/// </summary>
public sealed class MissingKeyNoticeTests
{
    private const string Named = "no API key configured for provider openai; set OPENAI_API_KEY in .env";

    private static byte[] ChatError(string text) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["type"] = "event",
        ["event"] = "chat",
        ["payload"] = new JsonObject { ["runId"] = "r1", ["sessionKey"] = "agent:main:main", ["seq"] = 3, ["state"] = "error", ["errorMessage"] = text },
        ["seq"] = 41,
    }.ToJsonString());

    [Fact]
    public void OpenClawsCopyOfThe409_GetsTheRelaysMessage_AndKeepsEverythingElse()
    {
        var renamed = MissingKeyNotice.NameInChatError(ChatError("⚠️ openai/gpt-5 request failed (HTTP 409)."), Named);
        var frame = JsonNode.Parse(Assert.IsType<byte[]>(renamed))!;
        Assert.Equal("⚠️ " + Named, (string?)frame["payload"]?["errorMessage"]);
        Assert.Equal("r1", (string?)frame["payload"]?["runId"]);
        Assert.Equal(41, (int?)frame["seq"]);
    }

    [Theory]
    [InlineData("⚠️ openai/gpt-5 request failed (rate limited, HTTP 429). This is usually temporary — try again shortly.")]
    [InlineData("Context overflow: this conversation is too large for the model.")]
    public void OtherFailures_KeepTheGatewaysWords(string text) =>
        Assert.Null(MissingKeyNotice.NameInChatError(ChatError(text), Named));

    [Fact]
    public void AFinalAnswerQuotingHttp409_IsNotTouched()
    {
        var final = Encoding.UTF8.GetBytes("""{"type":"event","event":"chat","payload":{"state":"final","errorMessage":"x","message":{"text":"HTTP 409 means conflict"}}}""");
        Assert.Null(MissingKeyNotice.NameInChatError(final, Named));
    }

    [Fact]
    public void TheNotice_LastsTwoMinutes()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var notice = new MissingKeyNotice(time);
        Assert.Null(notice.Recent);
        notice.Record(Named);
        time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(Named, notice.Recent);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(notice.Recent);
    }
}
