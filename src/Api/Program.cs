using Payouts.Api;
using Payouts.Infrastructure.Persistence;

WebApplication app;
try
{
    app = PayoutsHost.Build(args);
}
catch (DatabaseInUseException ex)
{
    // Not a crash: the operator started a second service on a file that has one. Say so, and nothing else.
    await Console.Error.WriteLineAsync($"payouts: {ex.Message}");
    return 1;
}

await app.RunAsync();
return 0;
