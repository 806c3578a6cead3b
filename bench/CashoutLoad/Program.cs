// Load generator and helpers for bench/cashouts.sh (see bench/README.md, "ProcessCashout, durable").
//
//   link     --db PATH | --postgres CS --users N  link a paypal cashout method for every bench user
//                                                (server stopped, schema migrated)
//   ceiling  --db PATH [--seconds 5] [--synchronous FULL]
//                                                one durable commit per tiny transaction, in a loop
//   run      --port P[,P2] --server-pid PID[,PID2] [--postgres-pid PID] --key-secret B64 --state PATH [...]
//                                                fund the users, warm up, measure each in-flight config
//                                                (over one replica or several, with PostgreSQL's CPU)
//   verify   --db PATH | --postgres CS --state P the database against every OK reply: no lost or doubled cents
//   fairness --port P --key-secret B64 [--limit 100] [--seconds 10]
//                                                per-caller rate limits: a neighbour's latency beside a flooder (bench/ratelimit.sh)
//
// Every mode prints what it did on stdout and exits 0 only if every check held.

using Payouts.Bench.CashoutLoad;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = Options.Parse(args[1..]);
    return args[0] switch
    {
        "link" => LinkUsers.Run(options),
        "ceiling" => CommitCeiling.Run(options),
        "run" => await LoadRun.RunAsync(options),
        "verify" => Verification.Run(options),
        "fairness" => await Fairness.RunAsync(options),
        _ => throw new OptionsException($"unknown mode '{args[0]}'"),
    };
}
catch (OptionsException ex)
{
    await Console.Error.WriteLineAsync($"cashout-load: {ex.Message}\n\n{Usage.Text}");
    return 2;
}
