using System.Net;
using DeploymentStatus.Http;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>Windows PowerShell 5.1 (.NET Framework) gets TLS 1.2 added to what the process allows, never taken away.</summary>
public class TlsTests
{
    public class TheWithTls12Method
    {
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are obsolete: they are what an old process has set, and stay set.
        [Fact]
        public void AddsTls12ToWhatNetFrameworkOffersAProgramBuiltFor45() =>
            Assert.Equal(SecurityProtocolType.Tls | SecurityProtocolType.Tls12, Tls.WithTls12(SecurityProtocolType.Tls));

        [Fact]
        public void KeepsEveryProtocolTheUserSet()
        {
            var set = SecurityProtocolType.Tls11 | SecurityProtocolType.Tls13;
            Assert.Equal(set | SecurityProtocolType.Tls12, Tls.WithTls12(set));
        }
#pragma warning restore SYSLIB0039

        [Fact]
        public void LeavesTheSystemsChoiceAlone() =>
            Assert.Equal(SecurityProtocolType.SystemDefault, Tls.WithTls12(SecurityProtocolType.SystemDefault));

        [Fact]
        public void ChangesNothingWhereTls12IsAlreadyThere() =>
            Assert.Equal(SecurityProtocolType.Tls12, Tls.WithTls12(SecurityProtocolType.Tls12));
    }

#pragma warning disable SYSLIB0014 // ServicePointManager: what Windows PowerShell's HttpClient reads, and .NET's does not.
    [Fact]
    public void OnDotNetTheProcessSettingIsNotTouched()
    {
        var before = ServicePointManager.SecurityProtocol;
        Tls.Enable();
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }
#pragma warning restore SYSLIB0014
}
