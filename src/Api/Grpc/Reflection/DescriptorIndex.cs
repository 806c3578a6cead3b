using Google.Protobuf.Reflection;

namespace Payouts.Api.Grpc.Reflection;

/// <summary>
/// Every file behind the served services (dependencies included), and the symbols and extensions
/// they define, for answering reflection queries.
/// </summary>
public sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _extensions = [];
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        var list = services.ToList();
        ServiceNames = list.Select(s => s.FullName).Order(StringComparer.Ordinal).ToList();
        foreach (var service in list)
        {
            AddFile(service.File);
        }
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _files.GetValueOrDefault(name);

    /// <summary>A service, method, message (nested too), enum, field or extension by full name.</summary>
    public FileDescriptor? FindFileContainingSymbol(string fullName) => _symbols.GetValueOrDefault(fullName);

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) =>
        _extensions.GetValueOrDefault((extendee, number));

    public bool IsKnownMessage(string fullName) => _messages.Contains(fullName);

    public IReadOnlyList<int> ExtensionNumbersOf(string extendee) =>
        _extensions.Keys.Where(k => k.Extendee == extendee).Select(k => k.Number).Order().ToList();

    /// <summary>The file first, then its transitive dependencies, each once.</summary>
    public static IEnumerable<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }

            yield return next;
            foreach (var dependency in next.Dependencies.Reverse())
            {
                pending.Push(dependency);
            }
        }
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        AddExtensions(file, file.Extensions.UnorderedExtensions);
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _symbols.TryAdd(message.FullName, file);
        _messages.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        AddExtensions(file, message.Extensions.UnorderedExtensions);
    }

    private void AddExtensions(FileDescriptor file, IEnumerable<FieldDescriptor> extensions)
    {
        foreach (var extension in extensions)
        {
            _symbols.TryAdd(extension.FullName, file);
            _extensions.TryAdd((extension.ExtendeeType.FullName, extension.FieldNumber), file);
        }
    }
}
