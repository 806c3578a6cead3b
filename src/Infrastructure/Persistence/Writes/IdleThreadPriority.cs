using System.Runtime.InteropServices;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// Lowers the calling thread to the least CPU priority (nice 19) so it runs mostly in time nothing else wants.
/// .NET's <see cref="Thread.Priority"/> has no effect on Linux, hence the one call to libc; on other systems
/// it does nothing.
/// </summary>
internal static partial class IdleThreadPriority
{
    private const int PrioProcess = 0;
    private const int CallingThread = 0; // On Linux, "who = 0" with PRIO_PROCESS is the calling thread alone.
    private const int LowestPriority = 19;

    public static void Apply()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(PrioProcess, CallingThread, LowestPriority); // Best effort: a refusal leaves it as it was.
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
