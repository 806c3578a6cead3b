using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Payouts.Application.Common;

/// <summary>The rule every section's intervals share: waits, timeouts, lifetimes and windows.</summary>
public static class IntervalSettings
{
    /// <summary>
    /// Refuses, naming it as "Section:Name", any interval (a <see cref="TimeSpan"/> setting) of <typeparamref name="T"/>
    /// that is negative, or zero where it is listed in <paramref name="positive"/> (there zero would time everything
    /// out, expire everything at once or spin a loop; elsewhere it turns something off).
    /// </summary>
    public static OptionsBuilder<T> ValidateIntervals<T>(this OptionsBuilder<T> options, string section, params string[] positive)
        where T : class
    {
        var intervals = typeof(T).GetProperties().Where(p => p.PropertyType == typeof(TimeSpan)).ToArray();
        options.Services.AddSingleton<IValidateOptions<T>>(new IntervalRule<T>(options.Name, section, intervals, positive));
        return options;
    }

    private sealed class IntervalRule<T>(string optionsName, string section, PropertyInfo[] intervals, string[] positive) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            if (name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = new List<string>();
            foreach (var interval in intervals)
            {
                var value = (TimeSpan)interval.GetValue(options)!;
                var mustBePositive = positive.Contains(interval.Name, StringComparer.Ordinal);
                if (value < TimeSpan.Zero || (mustBePositive && value == TimeSpan.Zero))
                {
                    var rule = mustBePositive ? "must be positive" : "must not be negative";
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{interval.Name} {rule}; it is {value}."));
                }
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
