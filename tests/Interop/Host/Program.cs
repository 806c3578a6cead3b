using Payouts.Interop.Host;

// Usage: dotnet run --project tests/Interop/Host -- [--port 50052]
var port = InteropServer.PortFrom(args);
var app = InteropServer.Build(port, args);
await app.RunAsync();
