using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// A POST whose failure may leave it unknown whether GitHub applied it (a 5xx, or a connection lost after the request
    /// went out). The policy handler never sends such a POST again on its own, because a second deployment or status is
    /// not harmless. Here the caller decides, with what only it knows: <c>reconcile</c> looks at what GitHub holds and
    /// returns the result of the first attempt when it took effect; without it (a write whose repetition is harmless,
    /// such as minting another installation token) the POST is simply sent again. Either way within the policy's
    /// MaxRetries, with the policy's backoff, on the injected clock, and never after the operation was cancelled.
    /// </summary>
    internal static class AmbiguousWrite
    {
        /// <param name="what">The request, for the verbose messages ("POST repos/…/statuses").</param>
        /// <param name="send">Sends the POST once.</param>
        /// <param name="reconcile">Given when the POST was sent, returns the result it had if GitHub applied it, else null.</param>
        /// <param name="resend">Without <paramref name="reconcile"/>: what sending it again means, for the verbose message.</param>
        public static async Task<T> SendAsync<T>(string what, Func<CancellationToken, Task<T>> send, Func<DateTimeOffset, CancellationToken, Task<T?>>? reconcile,
            string resend, GhHttpPolicy policy, TimeProvider time, CancellationToken token) where T : class
        {
            for (var attempt = 0; ; attempt++)
            {
                var sentAt = time.GetUtcNow();
                try
                {
                    return await send(token).ConfigureAwait(false);
                }
                catch (GhFailureException ex) when (ex.MayHaveBeenApplied && attempt < policy.MaxRetries && !token.IsCancellationRequested)
                {
                    if (reconcile != null)
                    {
                        OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture, "{0} failed ({1}); checking whether GitHub applied it.", what, ex.Message));
                        var applied = await reconcile(sentAt, token).ConfigureAwait(false);
                        if (applied != null) return applied;
                    }
                    else OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture, "{0} failed ({1}); {2}.", what, ex.Message, resend));
                    await time.Delay(GhHttpPolicy.Seconds(policy.RetryBaseDelaySeconds * Math.Pow(2, attempt)), token).ConfigureAwait(false);
                }
            }
        }
    }
}
