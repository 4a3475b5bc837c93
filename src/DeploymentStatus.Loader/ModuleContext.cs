using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DeploymentStatus.Loader
{
    /// <summary>
    /// The module's own AssemblyLoadContext on PowerShell 7: DeploymentStatus.dll and the dependencies beside it (Octokit,
    /// Microsoft.Bcl.*) load here, each when first asked for, so that another version of any of them that the session
    /// already holds, older or newer, is never bound to the module, and the module's copy never to the session's code.
    /// Everything else (PowerShell, the runtime, the System.* polyfills .NET itself provides) comes from the default context.
    /// One context per module folder and process: every runspace that imports the module gets the same assembly.
    /// </summary>
    public sealed class ModuleContext : AssemblyLoadContext
    {
        const string ModuleAssembly = "DeploymentStatus";
        static readonly Dictionary<string, Assembly> modules = new Dictionary<string, Assembly>(StringComparer.Ordinal);

        readonly string directory;

        ModuleContext(string directory) : base(ModuleAssembly, isCollectible: false) => this.directory = directory;

        /// <summary>DeploymentStatus.dll of <paramref name="directory"/>, loaded in that folder's context (made on first use).</summary>
        public static Assembly LoadModule(string directory)
        {
            directory = Path.GetFullPath(directory);
            lock (modules)
            {
                if (!modules.TryGetValue(directory, out var module))
                {
                    module = new ModuleContext(directory).LoadFromAssemblyPath(Path.Combine(directory, ModuleAssembly + ".dll"));
                    modules.Add(directory, module);
                }
                return module;
            }
        }

        /// <summary>A dependency found beside the module loads here; anything else falls through to the default context.</summary>
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == null || name.Name.StartsWith("System.", StringComparison.Ordinal)) return null;
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
