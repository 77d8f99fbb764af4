using System.Text.Json;

namespace Queueing.LineEmulator.Messaging;

/// <summary>What the push and reply endpoints share: the bearer check, LINE's fixed error bodies, JSON reading.</summary>
public static class LineApi
{
    public static readonly LineError AuthenticationFailed =
        new("Authentication failed. Confirm that the access token in the authorization header is valid.");

    public static readonly LineError RateLimited = new("The API rate limit has been exceeded. Try again later.");

    public static readonly LineError InternalError = new("An error occurred in the internal server.");

    public static readonly LineError InvalidTo = new("The property, 'to', in the request body is invalid (line: -, column: -)");

    public static readonly LineError NotJson = new("The request body could not be parsed as JSON");

    public static readonly LineError InvalidReplyToken = new("Invalid reply token");

    public static bool IsAuthorized(HttpRequest request, LineChannelOptions channel)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(header[scheme.Length..].Trim(), channel.ChannelAccessToken, StringComparison.Ordinal);
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not JSON of that shape.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sets a fresh <c>x-line-request-id</c> on the response and returns it.</summary>
    public static string NewRequestId(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[LineHeaders.RequestId] = requestId;
        return requestId;
    }
}
