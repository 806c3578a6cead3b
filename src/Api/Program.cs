using Payouts.Api;

await PayoutsHost.Build(args).RunAsync();
