using System.Text.Json;
using Google.Protobuf.Reflection;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Reflection;

/// <summary>
/// `grpcurl describe` of every payouts.v1 service, message and enum as one line each: from the descriptors the service
/// is compiled with, and from what grpcurl_replay.py rebuilt out of reflection alone, so the two can be compared.
/// </summary>
public static class DescribedContracts
{
    public const string Package = "payouts.v1";

    /// <summary>What the compiled contracts say, for every payouts.v1 file the served services reach.</summary>
    public static Dictionary<string, string> Compiled()
    {
        var described = new Dictionary<string, string>();
        foreach (var file in Files())
        {
            foreach (var service in file.Services)
            {
                described[service.FullName] = "service " + string.Join("; ", service.Methods.Select(m =>
                    Method(m.Name, m.InputType.FullName, m.OutputType.FullName, m.IsClientStreaming, m.IsServerStreaming)));
            }

            foreach (var message in file.MessageTypes)
            {
                AddMessage(described, message);
            }

            foreach (var e in file.EnumTypes)
            {
                described[e.FullName] = Enum(e.Values.Select(v => (v.Name, v.Number)));
            }
        }

        return described;
    }

    /// <summary>The same lines from grpcurl_replay.py's "described".</summary>
    public static Dictionary<string, string> Reflected(JsonElement described) => described.EnumerateObject().ToDictionary(
        symbol => symbol.Name,
        symbol => symbol.Value.GetProperty("kind").GetString() switch
        {
            "service" => "service " + string.Join("; ", symbol.Value.GetProperty("methods").EnumerateObject().Select(m => Method(
                m.Name, m.Value.GetProperty("input").GetString()!, m.Value.GetProperty("output").GetString()!,
                m.Value.GetProperty("client_streaming").GetBoolean(), m.Value.GetProperty("server_streaming").GetBoolean()))),
            "message" => Message(symbol.Value.GetProperty("fields").EnumerateArray().Select(f => (
                f.GetProperty("repeated").GetBoolean(), f.GetProperty("type").GetString()!, f.GetProperty("name").GetString()!, f.GetProperty("number").GetInt32()))),
            var kind => kind == "enum"
                ? Enum(symbol.Value.GetProperty("values").EnumerateObject().Select(v => (v.Name, v.Value.GetInt32())))
                : throw new InvalidOperationException($"{symbol.Name} is a {kind}"),
        });

    private static IEnumerable<FileDescriptor> Files()
    {
        var seen = new HashSet<string>();
        var pending = new Queue<FileDescriptor>([CashoutService.Descriptor.File, LinkService.Descriptor.File, PayoutService.Descriptor.File]);
        while (pending.TryDequeue(out var file))
        {
            if (file.Package != Package || !seen.Add(file.Name))
            {
                continue;
            }

            yield return file;
            foreach (var dependency in file.Dependencies)
            {
                pending.Enqueue(dependency);
            }
        }
    }

    private static void AddMessage(Dictionary<string, string> described, MessageDescriptor message)
    {
        // Generated, never declared: grpcurl shows a map field as map<K, V>, and the replay leaves entry types out too.
        if (message.GetOptions()?.MapEntry == true)
        {
            return;
        }

        described[message.FullName] = Message(message.Fields.InDeclarationOrder().Select(f => (f.IsRepeated, TypeOf(f), f.Name, f.FieldNumber)));
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(described, nested);
        }

        foreach (var e in message.EnumTypes)
        {
            described[e.FullName] = Enum(e.Values.Select(v => (v.Name, v.Number)));
        }
    }

    private static string TypeOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        var scalar => scalar.ToString().ToLowerInvariant(),
    };

    private static string Method(string name, string input, string output, bool clientStreaming, bool serverStreaming) =>
        $"{name}({(clientStreaming ? "stream " : "")}{input}) returns ({(serverStreaming ? "stream " : "")}{output})";

    private static string Message(IEnumerable<(bool Repeated, string Type, string Name, int Number)> fields) =>
        "message " + string.Join("; ", fields.Select(f => $"{(f.Repeated ? "repeated " : "")}{f.Type} {f.Name} = {f.Number}"));

    private static string Enum(IEnumerable<(string Name, int Number)> values) =>
        "enum " + string.Join("; ", values.Select(v => $"{v.Name} = {v.Number}"));
}
