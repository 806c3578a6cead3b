using Microsoft.Extensions.Options;
using Payouts.Application;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Application.Merchants.Commands.CreateMerchantToken;
using Payouts.Application.Merchants.Commands.RevokeMerchantToken;
using Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Cli;

/// <summary>
/// <c>merchant-token create --merchant &lt;id&gt; (--permission payout | --read-only true) [--mode test|live]</c> prints the new token
/// alone on stdout (its only showing: only its hash is stored); <c>merchant-token revoke --id &lt;token id&gt;</c>;
/// <c>merchant-token list --merchant &lt;id&gt;</c> prints ids, permissions and dates, never tokens;
/// <c>merchant-token webhook --merchant &lt;id&gt; --url &lt;https url&gt;</c> sets the merchant's default webhook URL
/// (<c>--clear true</c> removes it). It works on the
/// database of the environment it runs in, found as the service finds it (its content root and configuration: with
/// `dotnet run --project src/Cli`, Development's in src/Api; elsewhere e.g. <c>--contentRoot /srv/payouts</c>), the
/// service running or not.
/// </summary>
public static class MerchantTokenCommand
{
    public const string Name = "merchant-token";
    private const int UsageError = 2;
    private const string Usage =
        "usage: merchant-token create --merchant <id> (--permission payout | --read-only true) [--mode test|live]\n" +
        "       merchant-token revoke --id <token id>\n" +
        "       merchant-token list --merchant <id>\n" +
        "       merchant-token webhook --merchant <id> (--url <https url> | --clear true)";

    public static async Task<int> RunAsync(string[] hostArgs, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            stderr.WriteLine($"merchant-token: a subcommand is required\n{Usage}");
            return UsageError;
        }

        if (!TryOptions([.. args.Skip(1)], out var options, out var problem))
        {
            stderr.WriteLine($"merchant-token: {problem}\n{Usage}");
            return UsageError;
        }

        await using var services = BuildServices(hostArgs);
        try
        {
            services.MigrateDatabase();
        }
        catch (Exception ex) when (ex is DatabaseUnavailableException or OptionsValidationException)
        {
            stderr.WriteLine($"merchant-token: {ex.Message}");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        return args[0] switch
        {
            "create" => await CreateAsync(scope.ServiceProvider, options, stdout, stderr),
            "revoke" => await RevokeAsync(scope.ServiceProvider, options, stdout, stderr),
            "list" => await ListAsync(scope.ServiceProvider, options, stdout, stderr),
            "webhook" => await WebhookAsync(scope.ServiceProvider, options, stdout, stderr),
            _ => Fail(stderr, $"unknown subcommand '{args[0]}'"),
        };
    }

    private static async Task<int> CreateAsync(IServiceProvider services, ILookup<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        // A token without a permission can only read payouts: fine when asked for, a wasted afternoon when it is not.
        string[] permissions = [.. options["--permission"]];
        if (permissions.Length == 0 && options["--read-only"].LastOrDefault() != "true")
        {
            return Fail(stderr, "give --permission payout (create, read and cancel payouts), or --read-only true for a token that can only read them");
        }

        var command = new CreateMerchantTokenCommand(options["--merchant"].LastOrDefault() ?? "", permissions, options["--mode"].LastOrDefault() ?? "test");
        var created = await services.GetRequiredService<IUseCases>().SendAsync(command, CancellationToken.None);
        if (!created.IsSuccess)
        {
            return Fail(stderr, created.Error.Message);
        }

        var can = permissions.Length == 0 ? "read payouts only" : "permissions: " + string.Join(", ", permissions);
        stderr.WriteLine($"merchant-token: created {created.Value.Id} ({can}); the token below is shown only now.");
        stdout.WriteLine(created.Value.Token);
        return 0;
    }

    private static async Task<int> RevokeAsync(IServiceProvider services, ILookup<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var revoked = await services.GetRequiredService<IUseCases>().SendAsync(
            new RevokeMerchantTokenCommand(options["--id"].LastOrDefault() ?? ""), CancellationToken.None);
        if (!revoked.IsSuccess)
        {
            return Fail(stderr, revoked.Error.Message);
        }

        stdout.WriteLine("revoked");
        return 0;
    }

    private static async Task<int> WebhookAsync(IServiceProvider services, ILookup<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var url = options["--clear"].Any() ? "" : options["--url"].LastOrDefault() ?? "";
        if (url.Length == 0 && !options["--clear"].Any())
        {
            return Fail(stderr, "--url or --clear is required");
        }

        var set = await services.GetRequiredService<IUseCases>().SendAsync(
            new SetDefaultWebhookUrlCommand(options["--merchant"].LastOrDefault() ?? "", url), CancellationToken.None);
        if (!set.IsSuccess)
        {
            return Fail(stderr, set.Error.Message);
        }

        stdout.WriteLine(url.Length == 0 ? "cleared" : "set");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, ILookup<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (options["--merchant"].LastOrDefault() is not { Length: > 0 } merchant)
        {
            return Fail(stderr, "--merchant is required");
        }

        foreach (var token in await services.GetRequiredService<IMerchantTokenReader>().ListAsync(merchant, CancellationToken.None))
        {
            var state = token.RevokedAt is { } at ? $"revoked {at:O}" : "active";
            stdout.WriteLine($"{token.Id}\t{string.Join(',', token.Permissions)}\tcreated {token.CreatedAt:O}\t{state}");
        }

        return 0;
    }

    private static ServiceProvider BuildServices(string[] hostArgs)
    {
        var builder = Host.CreateApplicationBuilder(hostArgs);
        builder.Logging.ClearProviders();
        builder.Services.AddApplication(builder.Configuration);
        builder.Services.AddPersistence(builder.Configuration);
        return builder.Services.BuildServiceProvider();
    }

    private static bool TryOptions(List<string> args, out ILookup<string, string> options, out string problem)
    {
        var pairs = new List<(string Name, string Value)>();
        problem = "";
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                problem = $"{args[i]} needs a value";
                options = pairs.ToLookup(p => p.Name, p => p.Value);
                return false;
            }

            pairs.Add((args[i], args[i + 1]));
        }

        options = pairs.ToLookup(p => p.Name, p => p.Value);
        return true;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"merchant-token: {message}");
        return 1;
    }
}
