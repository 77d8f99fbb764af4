using Queueing.Reservation;
using Queueing.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReservation();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
