// Protobuf's ServiceDescriptor is the one this project means; DI's namesake is never used directly.
global using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
