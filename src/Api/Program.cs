using Payouts.Api.Grpc;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpcWithHealthAndReflection(builder.Configuration);
builder.Services.AddGrpcService<CashoutGrpcService>();
builder.Services.AddGrpcService<LinkGrpcService>();
builder.Services.AddGrpcService<PayoutGrpcService>();

var app = builder.Build();
app.UseGrpcServer();
app.MapGet("/", () => "Payouts: gRPC on the HTTP/2 endpoint; REST and pages arrive on this endpoint in later releases.");
app.Run();

/// <summary>Entry point; public so tests can host the service in-process.</summary>
public partial class Program;
