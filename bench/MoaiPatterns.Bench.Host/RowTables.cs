using System.Collections;
using MoaiPatterns.Bench.Workload;

namespace MoaiPatterns.Bench.Host
{
    /// <summary>A workload row as a runbook would hold it: a hashtable shaped like the seed's dict (snake_case keys).</summary>
    public static class RowTables
    {
        public static Hashtable ToHashtable(WorkloadRow row)
        {
            var data = new Hashtable();
            foreach (var kv in row.Data) data[kv.Key] = kv.Value;
            var context = new Hashtable
            {
                ["project_name"] = row.ProjectName,
                ["environment"] = row.Environment,
                ["tags"] = row.Tags,
            };
            return new Hashtable
            {
                ["pattern_id"] = row.Id,
                ["pattern_type"] = row.Type,
                ["timestamp"] = row.TimestampText,
                ["data"] = data,
                ["context"] = context,
                ["version"] = "1.0",
            };
        }
    }
}
