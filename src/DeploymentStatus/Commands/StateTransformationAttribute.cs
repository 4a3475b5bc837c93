using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>Accepts PowerShell-style spellings of a state (InProgress, in-progress) and hands on GitHub's (in_progress).</summary>
    public sealed class StateTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var text = (inputData is PSObject ps ? ps.BaseObject : inputData) as string;
            if (text == null) return inputData;
            var squashed = text.Replace("_", "").Replace("-", "");
            foreach (var state in StatusRequest.States)
                if (string.Equals(state.Replace("_", ""), squashed, StringComparison.OrdinalIgnoreCase)) return state;
            return text;
        }
    }
}
