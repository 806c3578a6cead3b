namespace Payouts.Api.Auth;

/// <summary>Scopes that service tokens carry; user tokens normally carry none.</summary>
public static class AuthScopes
{
    /// <summary>Lets a trusted internal caller credit any user's balance (CashoutService.CreditBalance).</summary>
    public const string BalancesWrite = "balances:write";
}
