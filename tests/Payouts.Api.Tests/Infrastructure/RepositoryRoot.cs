using System.Runtime.CompilerServices;

namespace Payouts.Api.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding Payouts.sln, found from this source file so any build output layout works.</summary>
    public static string Path { get; } = Find();

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(System.IO.Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Payouts.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Payouts.sln not found above " + sourceFile);
    }
}
