using System.Buffers;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class MessageCompressionTests
{
    [Theory]
    [InlineData("gzip", true)]
    [InlineData("deflate", true)]
    [InlineData("identity", false)]
    [InlineData("snappy", false)]
    [InlineData("", false)]
    public void IsSupported_names_only_the_real_codings(string encoding, bool supported)
    {
        MessageCompression.IsSupported(encoding).Should().Be(supported);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("identity", null)]
    [InlineData("identity,deflate", "deflate")]
    [InlineData("deflate, gzip", "gzip")]
    [InlineData("identity,deflate,gzip", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("snappy,br", null)]
    public void Negotiate_picks_gzip_first_then_deflate_from_the_peer_list(string? accepted, string? expected)
    {
        MessageCompression.Negotiate(accepted).Should().Be(expected);
    }

    [Theory]
    [InlineData("identity, deflate, gzip", "deflate", "deflate")]
    [InlineData("identity,gzip", "deflate", null)]
    [InlineData("identity,x-gzip", "gzip", null)]   // a name that merely contains ours is not ours
    [InlineData("identity,snappy", "snappy", null)] // a configured coding we cannot write is never chosen
    [InlineData(null, "gzip", null)]
    public void Negotiate_with_a_preference_takes_it_only_when_the_peer_lists_it(string? accepted, string preferred, string? expected)
    {
        MessageCompression.Negotiate(accepted, preferred).Should().Be(expected);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public void Compress_then_decompress_round_trips(string encoding)
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();

        var compressed = MessageCompression.Compress(encoding, data);

        MessageCompression.Decompress(encoding, new ReadOnlySequence<byte>(compressed), data.Length).Should().Equal(data);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public void Decompress_past_the_limit_gives_null(string encoding)
    {
        var compressed = MessageCompression.Compress(encoding, new byte[100_000]);

        MessageCompression.Decompress(encoding, new ReadOnlySequence<byte>(compressed), 99_999).Should().BeNull();
    }

    [Fact]
    public void Decompress_of_bytes_that_are_not_gzip_throws_invalid_data()
    {
        FluentActions.Invoking(() => MessageCompression.Decompress("gzip", new ReadOnlySequence<byte>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 1000))
            .Should().Throw<InvalidDataException>();
    }
}
