using Queueing.Gateway.Staff;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Staff;

public sealed class PasswordHashingRules
{
    /// <summary>
    /// Made with the python3 one-liner of services/Queueing.Gateway/Staff/README.md (salt bytes 0..15, password
    /// "窓口-test-1"): a hash made without .NET verifies here.
    /// </summary>
    private const string PythonVector = "pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=";

    [Fact]
    public void A_hash_verifies_its_own_password()
    {
        var hash = PasswordHasher.Hash("madoguchi-1");
        PasswordHasher.Verify("madoguchi-1", hash).ShouldBeTrue();
    }

    [Fact]
    public void A_hash_has_the_documented_format_with_a_fresh_salt()
    {
        var first = PasswordHasher.Hash("same");
        var second = PasswordHasher.Hash("same");
        var parts = first.Split('$');
        parts.Length.ShouldBe(4);
        parts[0].ShouldBe("pbkdf2-sha256");
        int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(100_000);
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(32);
        second.ShouldNotBe(first);
    }

    [Theory]
    [InlineData("madoguchi-2")]
    [InlineData("Madoguchi-1")]
    [InlineData("madoguchi-1 ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_password_fails(string? password) =>
        PasswordHasher.Verify(password, PasswordHasher.Hash("madoguchi-1")).ShouldBeFalse();

    [Fact]
    public void A_tampered_hash_fails()
    {
        var parts = PasswordHasher.Hash("madoguchi-1").Split('$');

        var hash = Convert.FromBase64String(parts[3]);
        hash[0] ^= 1;
        PasswordHasher.Verify("madoguchi-1", string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash))).ShouldBeFalse();

        var salt = Convert.FromBase64String(parts[2]);
        salt[^1] ^= 1;
        PasswordHasher.Verify("madoguchi-1", string.Join('$', parts[0], parts[1], Convert.ToBase64String(salt), parts[3])).ShouldBeFalse();

        PasswordHasher.Verify("madoguchi-1", string.Join('$', parts[0], "100001", parts[2], parts[3])).ShouldBeFalse();
    }

    [Theory]
    [InlineData("madoguchi-1")]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("pbkdf2-sha1$100000$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    [InlineData("pbkdf2-sha256$-100000$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    [InlineData("pbkdf2-sha256$999999999$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    [InlineData("pbkdf2-sha256$100000$not base64!$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    [InlineData("pbkdf2-sha256$100000$AAECAw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    public void A_malformed_stored_value_never_verifies_and_never_throws(string stored)
    {
        PasswordHasher.IsWellFormed(stored).ShouldBeFalse();
        PasswordHasher.Verify("窓口-test-1", stored).ShouldBeFalse();
    }

    [Fact]
    public void A_hash_made_by_python_hashlib_verifies()
    {
        PasswordHasher.IsWellFormed(PythonVector).ShouldBeTrue();
        PasswordHasher.Verify("窓口-test-1", PythonVector).ShouldBeTrue();
        PasswordHasher.Verify("窓口-test-2", PythonVector).ShouldBeFalse();
    }

    [Fact]
    public void Too_few_iterations_are_refused_when_hashing() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PasswordHasher.Hash("x", 10_000));
}
