using Microsoft.Extensions.Hosting;
using Payouts.Sandboxes;

// Every provider's sandbox on one port, configured by the "Sandboxes" section of appsettings.json (or
// --Sandboxes:Key=value arguments), until SIGTERM or Ctrl+C. A kill -9 loses nothing the sandboxes answered or announced.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSandboxes(builder.Configuration);
await builder.Build().RunAsync();
