using System.Security.Cryptography;
using System.Text;

namespace Payouts.Application.CashoutMethods;

/// <summary>
/// Our id for a user at providers that let us name their accounts (Payoneer payee_id, Tipalti idap).
/// Derived, so linking again finds the same account; hashed, so the user id is not disclosed and the
/// id fits every provider's rules (letters and digits only, ≤ 64).
/// </summary>
public static class ProviderAccountIds
{
    public static string For(string callerId) =>
        "u" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callerId)))[..31];
}
