namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// After the run, with the server(s) stopped: the database (SQLite file or PostgreSQL) against every reply the load got.
/// No lost or doubled cents means, per user, Available + Reserved = what was credited, Reserved =
/// the sum of their cashouts = OK replies × amount, and overall one Payouts row, one Reserve ledger
/// entry and one outbox message per OK reply, with exactly the cashout ids the replies carried.
/// </summary>
internal static class Verification
{
    public static int Run(Options options)
    {
        var statePath = options.Required("state");
        var state = RunState.Load(statePath);
        var replyIds = RunState.LoadIds(statePath);
        var failures = new List<string>();
        void Check(bool condition, string failure)
        {
            if (!condition)
            {
                failures.Add(failure);
            }
        }

        using var database = BenchDatabase.Open(options, readOnly: true);
        var users = state.OkCashouts.Length;
        if (!database.IsPostgreSql)
        {
            var journal = Sqlite.Text((Microsoft.Data.Sqlite.SqliteConnection)database.Connection, "PRAGMA journal_mode;");
            Check(journal.Equals("wal", StringComparison.OrdinalIgnoreCase), $"journal_mode is {journal}, not wal");
        }

        // 1. One Payouts row per OK reply, with exactly the replies' ids.
        var rows = database.Scalar("SELECT COUNT(*) FROM \"Payouts\"");
        Check(rows == state.OkTotal, Format.Inv($"Payouts has {rows} rows but {state.OkTotal} OK replies were received"));
        Array.Sort(replyIds);
        var duplicateIds = 0L;
        for (var i = 1; i < replyIds.Length; i++)
        {
            if (replyIds[i] == replyIds[i - 1])
            {
                duplicateIds++;
            }
        }

        Check(duplicateIds == 0, Format.Inv($"{duplicateIds} cashout ids were returned twice"));
        Check(replyIds.Length == state.OkTotal, Format.Inv($"{replyIds.Length} ids recorded for {state.OkTotal} OK replies"));
        long missingRows = 0, unrepliedRows = 0, index = 0;
        using (var ids = database.Command("SELECT \"Id\" FROM \"Payouts\" ORDER BY \"Id\""))
        using (var reader = ids.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                while (index < replyIds.Length && replyIds[index] < id)
                {
                    missingRows++;
                    index++;
                }

                if (index < replyIds.Length && replyIds[index] == id)
                {
                    index++;
                }
                else
                {
                    unrepliedRows++;
                }
            }
        }

        missingRows += replyIds.Length - index;
        Check(missingRows == 0, Format.Inv($"{missingRows} replied cashout ids have no Payouts row (lost)"));
        Check(unrepliedRows == 0, Format.Inv($"{unrepliedRows} Payouts rows match no OK reply (created but never acknowledged)"));

        // 2. Per user: balance, cashouts and ledger agree with the replies.
        var accounts = ByOwner(database, "SELECT \"OwnerId\", \"Available\", \"Reserved\", CAST(0 AS BIGINT) FROM \"BalanceAccounts\" WHERE \"Currency\" = @currency", state.Currency);
        var payouts = ByOwner(database,
            "SELECT \"OwnerId\", COUNT(*), CAST(SUM(\"AmountMinor\") AS BIGINT), CAST(SUM(CASE WHEN \"Currency\" <> @currency THEN 1 ELSE 0 END) AS BIGINT) FROM \"Payouts\" GROUP BY \"OwnerId\"",
            state.Currency);
        var credits = ByOwner(database, LedgerByOwner("Credit"), state.Currency);
        var reserves = ByOwner(database, LedgerByOwner("Reserve"), state.Currency);
        var otherEntries = database.Scalar("SELECT COUNT(*) FROM \"LedgerEntries\" WHERE \"Kind\" NOT IN ('Credit', 'Reserve')");
        Check(otherEntries == 0, Format.Inv($"{otherEntries} ledger entries of other kinds (nothing but credits and reservations should have happened)"));

        var badUsers = new List<string>();
        long credited = 0, reserved = 0, available = 0;
        for (var i = 0; i < users; i++)
        {
            var user = BenchUsers.Id(state.UserPrefix, i);
            var account = accounts.GetValueOrDefault(user);
            var cashouts = payouts.GetValueOrDefault(user);
            var credit = credits.GetValueOrDefault(user);
            var reserve = reserves.GetValueOrDefault(user);
            var ok = state.OkCashouts[i];
            credited += state.Credited[i];
            reserved += account.B;
            available += account.A;
            var problems = new List<string>();
            if (account.A + account.B != state.Credited[i])
            {
                problems.Add(Format.Inv($"available {account.A} + reserved {account.B} != credited {state.Credited[i]}"));
            }

            if (account.B != cashouts.B || account.B != ok * state.Amount)
            {
                problems.Add(Format.Inv($"reserved {account.B}, cashouts sum {cashouts.B}, OK replies {ok} x {state.Amount}"));
            }

            if (cashouts.A != ok || cashouts.C != 0)
            {
                problems.Add(Format.Inv($"{cashouts.A} Payouts rows ({cashouts.C} not {state.Currency}) for {ok} OK replies"));
            }

            if (credit.B != state.Credited[i] || reserve.A != ok || reserve.B != account.B)
            {
                problems.Add(Format.Inv($"ledger: credits {credit.B} (credited {state.Credited[i]}), {reserve.A} reserve entries summing {reserve.B}"));
            }

            if (account.A < 0 || account.B < 0)
            {
                problems.Add("negative balance");
            }

            if (problems.Count > 0)
            {
                badUsers.Add($"{user}: {string.Join("; ", problems)}");
            }
        }

        Check(badUsers.Count == 0, Format.Inv($"{badUsers.Count} users whose money does not add up, e.g. {string.Join(" | ", badUsers.Take(3))}"));
        var strangers = payouts.Keys.Concat(accounts.Keys).Distinct(StringComparer.Ordinal)
            .Count(owner => !owner.StartsWith(state.UserPrefix, StringComparison.Ordinal));
        Check(strangers == 0, Format.Inv($"{strangers} owners that are not bench users"));

        // 3. The outbox hands every cashout on, once.
        var outbox = database.Scalar("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Type\" = 'payout.created'");
        Check(outbox == state.OkTotal, Format.Inv($"{outbox} payout.created outbox messages for {state.OkTotal} OK replies"));

        // 4. The file itself (PostgreSQL's pages are checksummed by the server as it reads them).
        var quickCheck = "not applicable";
        if (!database.IsPostgreSql)
        {
            quickCheck = Sqlite.Text((Microsoft.Data.Sqlite.SqliteConnection)database.Connection, "PRAGMA quick_check;");
            Check(quickCheck == "ok", $"PRAGMA quick_check: {quickCheck}");
        }

        Console.WriteLine(Format.Inv(
            $"verify: {rows} Payouts rows = {state.OkTotal} OK replies, ids identical; {outbox} outbox messages; {users} users: available {available} + reserved {reserved} = credited {credited} minor units; quick_check {quickCheck}; {database.Size()}"));
        foreach (var failure in failures)
        {
            Console.WriteLine("verify FAILED: " + failure);
        }

        if (state.Errors.Count > 0)
        {
            Console.WriteLine(Format.Inv($"verify: the load recorded {state.Errors.Values.Sum()} errors: {string.Join(", ", state.Errors.Select(e => $"{e.Key} x{e.Value}"))}"));
        }

        Console.WriteLine(failures.Count == 0 ? "verify: OK, no lost or doubled cents" : Format.Inv($"verify: {failures.Count} check(s) FAILED"));
        return failures.Count == 0 ? 0 : 1;
    }

    private static string LedgerByOwner(string kind) => "SELECT a.\"OwnerId\", COUNT(*), CAST(SUM(e.\"Amount\") AS BIGINT), CAST(0 AS BIGINT) FROM \"LedgerEntries\" e " +
        "JOIN \"BalanceAccounts\" a ON a.\"Id\" = e.\"AccountId\" WHERE e.\"Kind\" = '" + kind + "' AND a.\"Currency\" = @currency GROUP BY a.\"OwnerId\"";

    private static Dictionary<string, (long A, long B, long C)> ByOwner(BenchDatabase database, string sql, string currency)
    {
        using var command = database.Command(sql, ("@currency", currency));
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return result;
    }
}
