using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>Users' cashout methods, one per provider.</summary>
public interface ICashoutMethodWrites
{
    CashoutMethodLink? Find(string ownerId, Provider provider);

    /// <summary>The methods whose provider account is <paramref name="reference"/> (a provider notification names the account, not the user).</summary>
    IReadOnlyList<CashoutMethodLink> FindByReference(Provider provider, string reference);

    /// <summary>Creates or replaces the owner's method for a provider.</summary>
    void Save(CashoutMethodLink method);
}
