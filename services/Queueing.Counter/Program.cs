using Queueing.Counter;
using Queueing.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCounter();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
