using System.Text;
using Queueing.LineEmulator.Webhooks;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>
/// <c>x-line-signature</c> against vectors computed outside .NET, e.g.
/// <c>printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64</c>.
/// </summary>
public sealed class LineSignatureVector
{
    [Fact]
    public void Matches_openssl_for_a_japanese_body()
    {
        const string body = """{"destination":"U0123","events":[{"type":"message","message":{"type":"text","text":"窓口はどこですか"}}]}""";

        var signature = LineSignature.Compute("matanai-channel-secret", Encoding.UTF8.GetBytes(body));

        signature.ShouldBe("8kuE7HXudFVancoWjYNEat5VEPpnLW5sYhngQILq7R8=");
        LineSignature.Verify("matanai-channel-secret", Encoding.UTF8.GetBytes(body), signature).ShouldBeTrue();
        LineSignature.Verify("another-secret", Encoding.UTF8.GetBytes(body), signature).ShouldBeFalse();
    }

    [Fact]
    public void Keys_with_the_secret_as_utf8()
    {
        LineSignature.Compute("シークレット", []).ShouldBe("BHRTbOFEzsGgFHpw3bD2lZsnjlyyTjQoJ0U//tBTJx4=");
    }
}
