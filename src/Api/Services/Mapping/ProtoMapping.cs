using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Mapster;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Services.Mapping;

/// <summary>
/// How application views become proto messages: one Mapster configuration, one <see cref="IRegister"/> per
/// service next to this file, and the conversions every service shares here. Every settable field of a proto
/// message must have a source or be ignored on purpose (<see cref="TypeAdapterConfig.RequireDestinationMemberSource"/>),
/// and a test compiles the whole configuration, so a new proto field cannot be left unmapped in silence.
/// </summary>
public static class ProtoMapping
{
    public static TypeAdapterConfig Config { get; } = Create();

    internal static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireDestinationMemberSource = true };

        // Proto setters refuse null: an absent string is proto3's default "", and repeated fields are get-only lists to fill.
        config.Default.AddDestinationTransform((string text) => text ?? "");
        config.Default.UseDestinationValue(member => member.Type.IsGenericType && member.Type.GetGenericTypeDefinition() == typeof(RepeatedField<>));
        config.Default.EnumMappingStrategy(EnumMappingStrategy.ByName);

        config.NewConfig<DateTimeOffset, Timestamp>().MapWith(time => Timestamp.FromDateTimeOffset(time));
        config.NewConfig<Uri, string>().MapWith(uri => uri.AbsoluteUri);
        config.NewConfig<Provider, string>().MapWith(provider => ProviderNames.Of(provider));

        // Metadata is stored as the JSON the caller sent; a Struct is its proto form.
        config.NewConfig<string?, Struct?>().MapWith(json => json == null ? null : JsonParser.Default.Parse<Struct>(json));

        config.Scan(Assembly.GetExecutingAssembly());
        return config;
    }
}
