using System.Data.Common;

namespace Payouts.Infrastructure.Persistence;

/// <summary>A parameter added the same way on SQLite and PostgreSQL, for the SQL both run (named @name).</summary>
internal static class DbCommandParameters
{
    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }
}
