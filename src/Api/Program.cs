using Payouts.Api;
using Payouts.Api.Hosting;
using Microsoft.Extensions.Options;
using Payouts.Infrastructure.Persistence;

MallocArenas.LimitToOnePerCore();

WebApplication app;
try
{
    app = PayoutsHost.Build(args);
}
catch (Exception ex) when (ex is DatabaseInUseException or DatabaseUnavailableException or OptionsValidationException
                               || (ex is AggregateException all && all.InnerExceptions.All(e => e is OptionsValidationException)))
{
    // Not a crash: the operator started a second service on a SQLite file that has one, named a database that cannot be
    // used, or gave settings that are not valid. Say so, and nothing else.
    var reasons = ex is AggregateException { InnerExceptions: var each } ? each.Select(e => e.Message) : [ex.Message];
    foreach (var reason in reasons)
    {
        await Console.Error.WriteLineAsync($"payouts: {reason}");
    }

    return 1;
}

await app.RunAsync();
return 0;
