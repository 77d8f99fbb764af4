using Queueing.Benchmarks;

// Benchmarks print figures; they never fail a build. Usage:
//   dotnet run -c Release --project tests/Queueing.Benchmarks -- call-to-screens [screens...]
var name = args.FirstOrDefault() ?? "call-to-screens";
var rest = args.Skip(1).Select(int.Parse).ToArray();
switch (name)
{
    case "call-to-screens":
        await CallToScreens.RunAsync(rest.Length > 0 ? rest : [100, 500]);
        break;
    case "day-simulation":
        DaySimulation.Run(rest.Length > 0 ? rest[0] : 20);
        break;
    case "booking-race":
        await BookingRace.RunAsync(rest.Length > 0 ? rest[0] : 1000, rest.Length > 1 ? rest[1] : 100);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{name}'; known: call-to-screens, day-simulation, booking-race");
        return 2;
}

return 0;
