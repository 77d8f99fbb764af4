using Queueing.ServiceDefaults.Hosting;
using Queueing.Ticketing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTicketing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
