using Payouts.Application.Common.Persistence;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>The provider and the status are stored as their names ("paypal", "Linked"), as the EF reader expects them.</summary>
internal sealed class CashoutMethodWrites(PreparedStatements sql) : ICashoutMethodWrites
{
    private readonly Statement _find = sql.PrepareLocking("SELECT Status, Reference, UpdatedAtMs, LinkNonce FROM CashoutMethods WHERE OwnerId = $1 AND Provider = $2");
    private readonly Statement _findByReference = sql.Prepare("SELECT OwnerId, Status, UpdatedAtMs, LinkNonce FROM CashoutMethods WHERE Provider = $1 AND Reference = $2");
    private readonly Statement _save = sql.Prepare(
        "INSERT INTO CashoutMethods (OwnerId, Provider, Status, Reference, CreatedAtMs, UpdatedAtMs, LinkNonce) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (OwnerId, Provider) DO UPDATE SET Status = excluded.Status, Reference = excluded.Reference, UpdatedAtMs = excluded.UpdatedAtMs, LinkNonce = excluded.LinkNonce");

    public CashoutMethodLink? Find(string ownerId, Provider provider)
    {
        using var reader = _find.With(ownerId, ProviderNames.Of(provider)).ExecuteReader();
        return reader.Read()
            ? new CashoutMethodLink(
                ownerId, provider, Enum.Parse<LinkStatus>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), RowMapping.FromMs(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    public IReadOnlyList<CashoutMethodLink> FindByReference(Provider provider, string reference)
    {
        using var reader = _findByReference.With(ProviderNames.Of(provider), reference).ExecuteReader();
        var links = new List<CashoutMethodLink>();
        while (reader.Read())
        {
            // The nonce too: a method saved back without it would refuse the user's own callback still on its way.
            links.Add(new CashoutMethodLink(
                reader.GetString(0), provider, Enum.Parse<LinkStatus>(reader.GetString(1)), reference, RowMapping.FromMs(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return links;
    }

    public void Save(CashoutMethodLink method)
    {
        var ms = RowMapping.ToMs(method.UpdatedAt);
        _save.With(method.OwnerId, ProviderNames.Of(method.Provider), method.Status.ToString(), method.Reference, ms, ms, method.LinkNonce).ExecuteNonQuery();
    }
}
