using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Queueing.Gateway.Staff;

/// <summary>A signed staff token and when it stops being accepted.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and validates staff tokens: compact JWTs (RFC 7519) signed with HMAC-SHA256 (<c>alg: HS256</c>),
/// issuer and audience <c>matanai</c>. Validation accepts nothing but HS256 with this key, checks the signature in
/// constant time, and requires <c>iss</c>, <c>aud</c>, <c>exp</c> and <c>sub</c>.
/// </summary>
public sealed class StaffTokens
{
    public const string Issuer = "matanai";
    public const string Audience = "matanai";
    public const int MinimumKeyBytes = 32;
    public const int MaximumTokenLength = 8 * 1024;

    /// <summary>How far clocks of several gateway instances may disagree.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public StaffTokens(byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"the signing key must be at least {MinimumKeyBytes} bytes", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _key = (byte[])key.Clone();
        Lifetime = lifetime;
        _time = time;
    }

    public TimeSpan Lifetime { get; }

    public IssuedToken Issue(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = staff.Id,
            ["name"] = staff.Name,
            ["role"] = staff.Role,
            ["office"] = new JsonArray(staff.Offices.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };

        var signingInput = $"{Base64Url.EncodeToString(Header)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return new IssuedToken($"{signingInput}.{Base64Url.EncodeToString(signature)}", DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// The claims of a valid token, or null with the reason (for logs and the 401 detail; it never echoes the token).
    /// </summary>
    public ClaimsIdentity? Validate(string? token, string authenticationType, out string? failure)
    {
        failure = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaximumTokenLength)
        {
            failure = "the token is empty or too long";
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            failure = "the token is not a signed JWT";
            return null;
        }

        if (!TryDecodeJson(parts[0], out var header) || !IsString(header, "alg", "HS256")
            || (header["typ"] is not null && !IsString(header, "typ", "JWT")) || header["crit"] is not null)
        {
            failure = "the token header is not HS256";
            return null;
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            failure = "the token signature is malformed";
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            failure = "the token signature does not match";
            return null;
        }

        if (!TryDecodeJson(parts[1], out var payload))
        {
            failure = "the token payload is malformed";
            return null;
        }

        if (!IsString(payload, "iss", Issuer) || !HasAudience(payload))
        {
            failure = "the token was not issued for this system";
            return null;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)ClockSkew.TotalSeconds;
        if (!TryNumber(payload, "exp", out var exp) || now >= exp + skew)
        {
            failure = "the token has expired";
            return null;
        }

        if (TryNumber(payload, "nbf", out var nbf) && now + skew < nbf)
        {
            failure = "the token is not valid yet";
            return null;
        }

        if (Text(payload, "sub") is not { Length: > 0 } subject)
        {
            failure = "the token names no staff member";
            return null;
        }

        var claims = new List<Claim> { new(StaffClaims.Subject, subject) };
        if (Text(payload, "name") is { } name)
        {
            claims.Add(new Claim(StaffClaims.Name, name));
        }

        if (Text(payload, "role") is { } role)
        {
            claims.Add(new Claim(StaffClaims.Role, role));
        }

        claims.AddRange(Strings(payload["office"]).Select(o => new Claim(StaffClaims.Office, o)));
        claims.Add(new Claim("exp", exp.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        return new ClaimsIdentity(claims, authenticationType, StaffClaims.Name, StaffClaims.Role);
    }

    private static bool TryDecodeJson(string segment, out JsonObject json)
    {
        json = null!;
        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(segment)) is JsonObject obj)
            {
                // Materialise the properties here: a duplicate name throws now, not at the first lookup.
                _ = obj.Count;
                json = obj;
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
        }

        return false;
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static bool IsString(JsonObject json, string name, string expected) => string.Equals(Text(json, name), expected, StringComparison.Ordinal);

    private static bool HasAudience(JsonObject json) => Strings(json["aud"]).Contains(Audience, StringComparer.Ordinal);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray(),
        _ => [],
    };

    private static bool TryNumber(JsonObject json, string name, out long value)
    {
        value = 0;
        return json[name] is JsonValue v && v.TryGetValue(out value);
    }
}
