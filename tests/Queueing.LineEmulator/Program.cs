using Queueing.LineEmulator;
using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Inbox;
using Queueing.LineEmulator.Inspection;
using Queueing.LineEmulator.Mail;
using Queueing.LineEmulator.Messaging;
using Queueing.LineEmulator.Users;
using Queueing.LineEmulator.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(LineChannelOptions.From(builder.Configuration));
builder.Services.AddSingleton<MessageIds>();
builder.Services.AddSingleton<PushStore>();
builder.Services.AddSingleton<ReplyStore>();
builder.Services.AddSingleton<ReplyTokens>();
builder.Services.AddSingleton<Followers>();
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<EmulatorStats>();

// Webhooks to the bot server: LINE does not follow redirects and gives up after a few seconds.
builder.Services.AddSingleton<WebhookLog>();
builder.Services.AddSingleton<WebhookSender>();
builder.Services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

// The SMTP sink (only when Smtp:Port is set).
builder.Services.AddSingleton(SmtpOptions.From(builder.Configuration));
builder.Services.AddSingleton<MailStore>();
builder.Services.AddHostedService<SmtpSink>();

var app = builder.Build();

app.MapMessagingApi();
app.MapUserEndpoints();
app.MapWebhookEndpoints();
app.MapMailEndpoints();
app.MapFaultEndpoints();
app.MapInspectionEndpoints();
app.MapInbox();

app.Run();
