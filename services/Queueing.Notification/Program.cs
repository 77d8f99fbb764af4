using Queueing.Notification;
using Queueing.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotification();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
