using System.Collections.Generic;

namespace DeploymentStatus.GitHub
{
    /// <summary>A deployment to create. Null fields are not sent, so GitHub applies its own defaults.</summary>
    internal sealed class DeploymentRequest
    {
        public DeploymentRequest(string reference)
        {
            if (string.IsNullOrEmpty(reference)) throw new GhInputException("A deployment needs a ref (branch, tag or SHA).");
            Ref = reference;
        }

        public string Ref { get; }
        public string? Task { get; set; }
        public string? Environment { get; set; }
        public string? Description { get; set; }
        /// <summary>JSON-ready: dictionaries, lists and primitives, or a JSON string.</summary>
        public object? Payload { get; set; }
        public bool? TransientEnvironment { get; set; }
        public bool? ProductionEnvironment { get; set; }
        public bool? AutoMerge { get; set; }
        /// <summary>Empty skips every status check; null lets GitHub check all contexts.</summary>
        public IList<string>? RequiredContexts { get; set; }

        public IDictionary<string, object?> ToBody()
        {
            var body = new Dictionary<string, object?> { ["ref"] = Ref };
            if (Task != null) body["task"] = Task;
            if (Environment != null) body["environment"] = Environment;
            if (Description != null) body["description"] = Description;
            if (Payload != null) body["payload"] = Payload;
            if (TransientEnvironment != null) body["transient_environment"] = TransientEnvironment.Value;
            if (ProductionEnvironment != null) body["production_environment"] = ProductionEnvironment.Value;
            if (AutoMerge != null) body["auto_merge"] = AutoMerge.Value;
            if (RequiredContexts != null) body["required_contexts"] = new List<object?>(RequiredContexts);
            return body;
        }
    }
}
