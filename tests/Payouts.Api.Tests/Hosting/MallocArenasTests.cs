using System.Runtime.InteropServices;
using Payouts.Api.Hosting;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// The service caps glibc's malloc arenas at start-up (what it saves is measured by bench/cashouts.sh); these check
/// that glibc takes the call as made, and that an operator's own MALLOC_ARENA_MAX is not overridden.
/// </summary>
public class MallocArenasTests
{
    private const string Variable = "MALLOC_ARENA_MAX";

    [Fact]
    public void Glibc_takes_the_cap()
    {
        if (!NativeLibrary.TryLoad("libc.so.6", out _) || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return; // Not glibc, or this test run was given a cap of its own: see the next test.
        }

        MallocArenas.LimitToOnePerCore().Should().BeTrue("mallopt(M_ARENA_MAX) returns 1 when glibc takes the value");
    }

    [Fact]
    public void An_operators_MALLOC_ARENA_MAX_is_left_as_it_is()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "4");
        try
        {
            MallocArenas.LimitToOnePerCore().Should().BeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, given);
        }
    }
}
