using Queueing.LineEmulator;
using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Inbox;
using Queueing.LineEmulator.Inspection;
using Queueing.LineEmulator.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(LineChannelOptions.From(builder.Configuration));
builder.Services.AddSingleton<PushStore>();
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<EmulatorStats>();

var app = builder.Build();

app.MapMessagingApi();
app.MapFaultEndpoints();
app.MapInspectionEndpoints();
app.MapInbox();

app.Run();
