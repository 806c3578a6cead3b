namespace Payouts.Application.Common.Persistence;

/// <summary>New ids for payouts: unique, positive, increasing with creation time.</summary>
public interface IIdGenerator
{
    long Next();
}
