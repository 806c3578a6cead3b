using Payouts.Api;
using Payouts.Api.Auth;

// A developer tool, not the service: mint a token and exit before any host (or its console logging) exists.
// `dotnet run` puts the project's RunArguments (--environment Development) first, hence the skip.
if (args.SkipWhile(arg => arg != DevTokenCommand.Name).ToArray() is [DevTokenCommand.Name, .. var options])
{
    return DevTokenCommand.Run(options, DevTokenCommand.DevelopmentConfiguration(), Console.Out, Console.Error);
}

// An operator's tool: create, revoke or list merchant tokens in this environment's database, then exit.
if (Array.IndexOf(args, MerchantTokenCommand.Name) is var at and >= 0)
{
    return await MerchantTokenCommand.RunAsync(args[..at], args[(at + 1)..], Console.Out, Console.Error);
}

await PayoutsHost.Build(args).RunAsync();
return 0;
