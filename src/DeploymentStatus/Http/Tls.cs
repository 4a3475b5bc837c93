using System.Net;
using System.Runtime.InteropServices;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// TLS 1.2 for Windows PowerShell 5.1: GitHub accepts nothing older, and .NET Framework, for a program built for 4.5
    /// such as powershell.exe, offers only SSL 3 and TLS 1.0 unless told otherwise. Added to what the process has, never
    /// replacing it; a process left to the operating system's choice (SystemDefault) keeps it, since the system offers TLS
    /// 1.2 and newer. .NET (PowerShell 7) ignores the setting: its HttpClient always asks the system.
    /// </summary>
    internal static class Tls
    {
        static readonly bool netFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", System.StringComparison.Ordinal);

        /// <summary>Adds TLS 1.2 to the process's protocols, on .NET Framework only.</summary>
        public static void Enable()
        {
            if (!netFramework) return;
            var current = ServicePointManager.SecurityProtocol;
            var wanted = WithTls12(current);
            if (wanted != current) ServicePointManager.SecurityProtocol = wanted;
        }

        /// <summary>The protocols with TLS 1.2 added; SystemDefault (0) stays as it is.</summary>
        internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == 0 ? current : current | SecurityProtocolType.Tls12;
    }
}
