using System.Reflection;
using System.Xml.Linq;

namespace Payouts.Architecture.Tests;

/// <summary>
/// Dependencies point inward: Domain ← Application ← Infrastructure / Api. Checked on the project
/// files (what the build may reference) and on the compiled assemblies (what it did reference).
/// </summary>
public class LayeringTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { "Domain", [] },
        { "Application", ["Domain"] },
        { "Infrastructure", ["Application"] },
        { "Api", ["Application", "Infrastructure"] },
        { "Cli", ["Application", "Infrastructure"] },
    };

    /// <summary>The sandboxes stand where the real providers stand: they may know nothing of the service.</summary>
    [Fact]
    public void Sandboxes_reference_no_project_of_the_service()
    {
        var project = XDocument.Load(Path.Combine(Root, "sandboxes", "Payouts.Sandboxes", "Payouts.Sandboxes.csproj"));

        project.Descendants("ProjectReference").Should().BeEmpty();
    }

    /// <summary>Their own process (ADR-008) is the sandboxes alone, as a real provider's is none of ours.</summary>
    [Fact]
    public void The_sandboxes_process_references_the_sandboxes_only()
    {
        var project = XDocument.Load(Path.Combine(Root, "sandboxes", "Payouts.Sandboxes.Host", "Payouts.Sandboxes.Host.csproj"));

        project.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value)
            .Should().Equal("../Payouts.Sandboxes/Payouts.Sandboxes.csproj");
    }

    /// <summary>References every build makes; a development-only one (<see cref="Sandboxes_are_in_the_service_only_in_debug_builds"/>) aside.</summary>
    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void Project_references_only_inner_layers(string layer, string[] allowed)
    {
        var project = XDocument.Load(Path.Combine(Root, "src", layer, $"Payouts.{layer}.csproj"));
        var referenced = project.Descendants("ProjectReference")
            .Where(r => r.Parent!.Attribute("Condition") is null)
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value).Replace("Payouts.", "", StringComparison.Ordinal))
            .ToList();

        referenced.Should().BeSubsetOf(allowed, $"{layer} may only reference {string.Join(", ", allowed)}");
    }

    /// <summary>
    /// The sandboxes are the development composition (ADR-006): only Debug builds of the service carry them, as a
    /// hosting startup no code of the service names, so a Release build, what is published, is the service alone.
    /// </summary>
    [Fact]
    public void Sandboxes_are_in_the_service_only_in_debug_builds()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "Api", "Payouts.Api.csproj"));
        var sandboxes = project.Descendants("ProjectReference").Where(r => r.Attribute("Include")!.Value.Contains("Payouts.Sandboxes", StringComparison.Ordinal)).ToList();

        sandboxes.Should().ContainSingle().Which.Parent!.Attribute("Condition")!.Value.Should().Be("'$(Configuration)' == 'Debug'");
        Assembly.Load("Payouts.Api").GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("Payouts.Sandboxes");
    }

    [Theory]
    [InlineData("Payouts.Domain", new[] { "Payouts.Application", "Payouts.Infrastructure", "Payouts.Api" })]
    [InlineData("Payouts.Application", new[] { "Payouts.Infrastructure", "Payouts.Api" })]
    [InlineData("Payouts.Infrastructure", new[] { "Payouts.Api" })]
    public void Compiled_assembly_does_not_reference_outer_layers(string assemblyName, string[] forbidden)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name);

        references.Should().NotContain(forbidden);
    }

    [Theory]
    [InlineData("Payouts.Domain")]
    [InlineData("Payouts.Application")]
    public void Inner_layers_know_nothing_of_transport_or_storage(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!);

        references.Should().NotContain(name =>
            name.StartsWith("Google.Protobuf", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_project_has_no_package_references()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "Domain", "Payouts.Domain.csproj"));

        project.Descendants("PackageReference").Should().BeEmpty("the domain is plain C#");
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Payouts.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Payouts.sln not found above the test binaries.");
    }
}
