namespace Queueing.LineEmulator.Messaging;

/// <summary>The single LINE channel the emulator pretends to be.</summary>
/// <param name="ChannelAccessToken">Token the Messaging API expects as <c>Authorization: Bearer …</c>.</param>
/// <param name="ChannelSecret">
/// Read for parity with real deployments (and future webhook signing); the push API does not use it.
/// </param>
public sealed record LineChannelOptions(string ChannelAccessToken, string ChannelSecret)
{
    public const string DefaultChannelAccessToken = "demo-channel-token";
    public const string DefaultChannelSecret = "demo-channel-secret";

    public static LineChannelOptions From(IConfiguration configuration) => new(
        NonEmptyOr(configuration["Line:ChannelAccessToken"], DefaultChannelAccessToken),
        NonEmptyOr(configuration["Line:ChannelSecret"], DefaultChannelSecret));

    private static string NonEmptyOr(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value;
}
