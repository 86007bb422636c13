using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Get-MoaiPatternStore: describes a store (counts by type, oldest and newest pattern, size on disk).</summary>
    [Cmdlet(VerbsCommon.Get, "MoaiPatternStore")]
    [OutputType(typeof(StoreInfo))]
    public sealed class GetMoaiPatternStoreCommand : StoreCmdlet
    {
        protected override bool CreatesStore => false;

        protected override void ProcessRecord()
        {
            StoreInfo? info = null;
            RunEngine(() => info = Engine.GetInfo());
            if (info != null) WriteObject(info);
        }
    }
}
