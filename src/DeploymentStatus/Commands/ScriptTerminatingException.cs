using System;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A terminating error that ends the script, as PowerShell's own <c>throw</c> does, and not only the statement, as
    /// <see cref="Cmdlet.ThrowTerminatingError"/> does: with $ErrorActionPreference at Continue, PowerShell would report a
    /// statement-terminating error and run the script's next line, against a broken setup (a refused token).
    /// </summary>
    internal sealed class ScriptTerminatingException : RuntimeException
    {
        readonly ErrorRecord record;

        public ScriptTerminatingException(ErrorRecord record, Type cmdlet, string command) : base(record.Exception.Message, record.Exception)
        {
            // PowerShell passes an exception thrown by `throw` up through the command and the script unwrapped.
            WasThrownFromThrowStatement = true;
            // PowerShell adds the cmdlet's type to the id only for the records it writes itself; said here, so the id reads as every other.
            this.record = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId + "," + cmdlet.FullName, record.CategoryInfo.Category, record.TargetObject)
            {
                ErrorDetails = record.ErrorDetails,
            };
            // What PowerShell's error view names the error by, in place of the command it cannot know here.
            this.record.CategoryInfo.Activity = command;
        }

        public override ErrorRecord ErrorRecord => record;
    }
}
