using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Queueing.Gateway.Staff;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Staff;

public sealed class StaffTokenRules
{
    private static readonly StaffMember Sato = new("sato", "佐藤", StaffRoles.Counter, ["demo", "t*"], "unused");
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_issued_token_validates_with_its_claims()
    {
        var tokens = new StaffTokens(_key, TimeSpan.FromHours(12), _time);
        var issued = tokens.Issue(Sato);
        issued.ExpiresAt.ShouldBe(_time.GetUtcNow().AddHours(12));

        var identity = tokens.Validate(issued.Token, StaffAuthentication.Scheme, out var failure).ShouldNotBeNull(failure);
        identity.FindFirst(StaffClaims.Subject)!.Value.ShouldBe("sato");
        identity.FindFirst(StaffClaims.Name)!.Value.ShouldBe("佐藤");
        identity.FindFirst(StaffClaims.Role)!.Value.ShouldBe("counter");
        identity.FindAll(StaffClaims.Office).Select(c => c.Value).ShouldBe(["demo", "t*"]);
    }

    [Fact]
    public void A_token_expires_after_its_lifetime()
    {
        var tokens = new StaffTokens(_key, TimeSpan.FromHours(12), _time);
        var token = tokens.Issue(Sato).Token;
        _time.Advance(TimeSpan.FromHours(11.9));
        tokens.Validate(token, StaffAuthentication.Scheme, out _).ShouldNotBeNull();
        _time.Advance(TimeSpan.FromHours(0.2));
        tokens.Validate(token, StaffAuthentication.Scheme, out var failure).ShouldBeNull();
        failure.ShouldBe("the token has expired");
    }

    [Fact]
    public void A_token_signed_with_another_key_fails() =>
        new StaffTokens(RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(1), _time)
            .Validate(new StaffTokens(_key, TimeSpan.FromHours(1), _time).Issue(Sato).Token, StaffAuthentication.Scheme, out _)
            .ShouldBeNull();

    [Fact]
    public void A_token_whose_payload_was_changed_fails()
    {
        var tokens = new StaffTokens(_key, TimeSpan.FromHours(1), _time);
        var parts = tokens.Issue(Sato).Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"counter\"", "\"admin\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        tokens.Validate(forged, StaffAuthentication.Scheme, out var failure).ShouldBeNull();
        failure.ShouldBe("the token signature does not match");
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS512","typ":"JWT"}""")]
    [InlineData("""{"alg":"RS256","typ":"JWT"}""")]
    [InlineData("""{"typ":"JWT"}""")]
    [InlineData("""{"alg":"HS256","alg":"none"}""")]
    public void Only_hs256_is_accepted(string header)
    {
        var tokens = new StaffTokens(_key, TimeSpan.FromHours(1), _time);
        var parts = tokens.Issue(Sato).Token.Split('.');
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{parts[1]}";
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        tokens.Validate($"{signingInput}.{Base64Url.EncodeToString(signature)}", StaffAuthentication.Scheme, out _).ShouldBeNull();
        tokens.Validate($"{signingInput}.", StaffAuthentication.Scheme, out _).ShouldBeNull();
    }

    [Fact]
    public void A_token_for_another_audience_fails()
    {
        var tokens = new StaffTokens(_key, TimeSpan.FromHours(1), _time);
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var exp = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iss":"matanai","aud":"elsewhere","sub":"sato","exp":{{exp}}}"""));
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{header}.{payload}"));
        tokens.Validate($"{header}.{payload}.{Base64Url.EncodeToString(signature)}", StaffAuthentication.Scheme, out var failure).ShouldBeNull();
        failure.ShouldBe("the token was not issued for this system");
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.###")]
    public void Garbage_is_refused_without_throwing(string token) =>
        new StaffTokens(_key, TimeSpan.FromHours(1), _time).Validate(token, StaffAuthentication.Scheme, out _).ShouldBeNull();

    [Fact]
    public void A_short_key_is_refused() =>
        Should.Throw<ArgumentException>(() => new StaffTokens(new byte[16], TimeSpan.FromHours(1), _time));

    internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
