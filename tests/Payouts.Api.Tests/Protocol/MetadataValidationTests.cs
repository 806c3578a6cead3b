using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class MetadataValidationTests
{
    [Theory]
    [InlineData("x-custom")]
    [InlineData("a")]
    [InlineData("0-9_a.z")]
    [InlineData("user-agent")]
    public void Add_accepts_valid_ascii_key(string key)
    {
        var metadata = new Metadata();

        metadata.Add(key, "value");

        metadata.GetValue(key).Should().Be("value");
        metadata.Get(key)!.IsBinary.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("X-Custom")]
    [InlineData("x custom")]
    [InlineData("x:custom")]
    [InlineData("é")]
    [InlineData(":path")]
    public void Add_rejects_invalid_key(string key)
    {
        FluentActions.Invoking(() => new Metadata().Add(key, "value")).Should().Throw<ArgumentException>().WithMessage("*not valid*");
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-custom")]
    [InlineData("grpc-trace-bin")]
    public void Add_rejects_reserved_grpc_prefix(string key)
    {
        FluentActions.Invoking(() => new Metadata().Add(key, "value")).Should().Throw<ArgumentException>().WithMessage("*reserved*");
        FluentActions.Invoking(() => new Metadata().Add(key, new byte[] { 1 })).Should().Throw<ArgumentException>().WithMessage("*reserved*");
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    [InlineData("del\u007F")]
    [InlineData("café")]
    public void Add_rejects_non_printable_ascii_value(string value)
    {
        FluentActions.Invoking(() => new Metadata().Add("x-custom", value)).Should().Throw<ArgumentException>().WithMessage("*printable ASCII*");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" !~")]
    public void Add_accepts_printable_ascii_value(string value)
    {
        var metadata = new Metadata();

        metadata.Add("x-custom", value);

        metadata.GetValue("x-custom").Should().Be(value);
    }

    [Fact]
    public void Binary_key_needs_bytes_and_bytes_need_binary_key()
    {
        FluentActions.Invoking(() => new Metadata().Add("x-data-bin", "AQI=")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new Metadata().Add("x-data", new byte[] { 1 })).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Binary_entry_keeps_bytes_and_get_returns_the_last_value()
    {
        var metadata = new Metadata();
        metadata.Add("x-data-bin", new byte[] { 1, 2 });
        metadata.Add("x-data-bin", new byte[] { 3 });

        metadata.Should().HaveCount(2);
        metadata.Get("x-data-bin")!.IsBinary.Should().BeTrue();
        metadata.GetValueBytes("x-data-bin").Should().Equal(3);
        metadata.GetValue("x-data-bin").Should().BeNull();
        metadata.Get("missing").Should().BeNull();
    }
}
