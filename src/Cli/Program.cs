using Payouts.Cli;

// Host arguments (--environment, --contentRoot, --Database:Path=...) come before the command: `dotnet run` puts the
// project's RunArguments first.
var at = Array.FindIndex(args, arg => arg is DevTokenCommand.Name or MerchantTokenCommand.Name);
if (at < 0)
{
    Console.Error.WriteLine($"usage: [host arguments] {DevTokenCommand.Name} ... | {MerchantTokenCommand.Name} ...");
    return 2;
}

return args[at] == DevTokenCommand.Name
    ? DevTokenCommand.Run(args[(at + 1)..], DevTokenCommand.DevelopmentConfiguration(), Console.Out, Console.Error)
    : await MerchantTokenCommand.RunAsync(args[..at], args[(at + 1)..], Console.Out, Console.Error);
