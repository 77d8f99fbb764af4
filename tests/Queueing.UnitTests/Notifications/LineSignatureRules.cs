using System.Text;
using Queueing.Gateway.Notifications;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Notifications;

/// <summary>
/// x-line-signature = base64(HMAC-SHA256(channel secret, raw body)). The vectors were computed independently with
/// <c>printf '%s' BODY | openssl dgst -sha256 -hmac SECRET -binary | base64</c>.
/// </summary>
public sealed class LineSignatureRules
{
    private const string Body = """{"destination":"U0000","events":[]}""";
    private const string JapaneseBody = """{"events":[{"type":"message","message":{"type":"text","text":"連携 abc"}}]}""";

    [Fact]
    public void Matches_the_known_vectors()
    {
        LineSignature.Compute("demo-channel-secret", Encoding.UTF8.GetBytes(Body)).ShouldBe("N3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VY=");
        LineSignature.Compute("ch4nnel-s3cret", Encoding.UTF8.GetBytes(JapaneseBody)).ShouldBe("1LFkCeNj2I0hcnez91H1A5+R+rSNQyF/jKvaH7R8sQA=");
    }

    [Fact]
    public void Accepts_the_right_signature() =>
        LineSignature.IsValid("demo-channel-secret", Encoding.UTF8.GetBytes(Body), "N3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VY=").ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("M3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VY=")] // one bit off
    [InlineData("N3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VZ=")] // same bytes, another spelling: refused too
    [InlineData("AAAA")] // too short
    public void Refuses_a_missing_malformed_or_wrong_signature(string? signature) =>
        LineSignature.IsValid("demo-channel-secret", Encoding.UTF8.GetBytes(Body), signature).ShouldBeFalse();

    [Fact]
    public void Refuses_a_body_changed_by_one_byte() =>
        LineSignature.IsValid("demo-channel-secret", Encoding.UTF8.GetBytes(Body.Replace("U0000", "U0001", StringComparison.Ordinal)),
            "N3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VY=").ShouldBeFalse();

    [Fact]
    public void Refuses_everything_when_no_channel_secret_is_configured() =>
        LineSignature.IsValid("", Encoding.UTF8.GetBytes(Body), LineSignature.Compute("", Encoding.UTF8.GetBytes(Body))).ShouldBeFalse();
}
