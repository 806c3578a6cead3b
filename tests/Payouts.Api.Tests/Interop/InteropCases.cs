namespace Payouts.Api.Tests.Interop;

/// <summary>The standard cases of grpc's interop-test-descriptions.md that the issue asks for.</summary>
public static class InteropCases
{
    public static TheoryData<string> All => new(
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary",
        "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "status_code_and_message", "special_status_message", "custom_metadata",
        "unimplemented_method", "unimplemented_service", "timeout_on_sleeping_server",
        "cancel_after_begin", "cancel_after_first_response");
}
