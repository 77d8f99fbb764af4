using Microsoft.Playwright;

namespace Queueing.Testing;

/// <summary>Debian's Chromium driven by Playwright (never Playwright's own browser download).</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <summary>Where screenshots go (TestResults/screenshots under the repository).</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "TestResults", "screenshots")).FullName;

    private static readonly SemaphoreSlim LaunchGate = new(1, 1);

    /// <summary>
    /// Starts Playwright's driver and Chromium, one launch at a time, each attempt bounded: a driver that dies
    /// while starting would otherwise leave the test waiting forever (seen once in CI).
    /// </summary>
    public static async Task<Browser> LaunchAsync()
    {
        await LaunchGate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await LaunchOnceAsync().WaitAsync(TimeSpan.FromSeconds(45));
                }
                catch (Exception ex) when (attempt < 3 && ex is TimeoutException or PlaywrightException)
                {
                    Console.Error.WriteLine($"Browser launch attempt {attempt} failed: {ex.Message}; retrying");
                }
            }
        }
        finally
        {
            LaunchGate.Release();
        }
    }

    private static async Task<Browser> LaunchOnceAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
        return new Browser(playwright, chromium);
    }

    public async Task<IPage> OpenAsync(string url, int width = 1280, int height = 800)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
