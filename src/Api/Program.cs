using Payouts.Api;
using Payouts.Infrastructure.Persistence;

WebApplication app;
try
{
    app = PayoutsHost.Build(args);
}
catch (Exception ex) when (ex is DatabaseInUseException or DatabaseNotServedException)
{
    // Not a crash: the operator started a second service on a file that has one, or asked for a database this build
    // cannot write to yet. Say so, and nothing else.
    await Console.Error.WriteLineAsync($"payouts: {ex.Message}");
    return 1;
}

await app.RunAsync();
return 0;
