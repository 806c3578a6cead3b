using System.Runtime.InteropServices;

namespace Payouts.Api.Hosting;

/// <summary>
/// Caps glibc's malloc at one arena per core, as MALLOC_ARENA_MAX would. By default glibc gives a thread that meets
/// contention an arena of its own, up to eight per core, and memory freed in one arena is never reused by another. The
/// service's native allocations (SQLite's page caches, the JIT's, OpenSSL's) are few, so the cap costs no measurable
/// time; under the cashout bench the malloc heaps held 7 MiB less, the peak 3–5 MiB less (docs/BENCHMARKS.md). It must
/// run first thing in Main, before the threads that allocate have arenas of their own. An operator's MALLOC_ARENA_MAX
/// wins; elsewhere than on glibc it does nothing.
/// </summary>
internal static partial class MallocArenas
{
    private const string Variable = "MALLOC_ARENA_MAX";
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <returns>Whether glibc took the cap: false where the environment set one, or the C library is not glibc.</returns>
    public static bool LimitToOnePerCore()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return false;
        }

        try
        {
            return Mallopt(ArenaMax, Environment.ProcessorCount) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl and other C libraries: their malloc has no arenas to cap.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
