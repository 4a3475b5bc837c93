using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Accepts PowerShell-style spellings of a state (InProgress, in-progress) and hands on GitHub's (in_progress); for a
    /// parameter that takes several states, each of them.
    /// </summary>
    public sealed class StateTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string text) return ToGitHub(text);
            if (value is IList list) return list.Cast<object>().Select(item => (item is PSObject p ? p.BaseObject : item) is string s ? ToGitHub(s) : item).ToArray();
            return inputData;
        }

        static string ToGitHub(string text)
        {
            var squashed = text.Replace("_", "").Replace("-", "");
            foreach (var state in StatusRequest.States)
                if (string.Equals(state.Replace("_", ""), squashed, StringComparison.OrdinalIgnoreCase)) return state;
            return text;
        }
    }
}
