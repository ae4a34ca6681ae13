using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data;
using Rapport.Data.Changes;

namespace Rapport.Api.Changes;

/// <summary>
/// PostgreSQL only: gives committed changes their place in the feed (see <see cref="ChangeStore"/>) soon
/// after they commit, so the feed, webhooks and the bus see them without anyone asking first.
/// </summary>
public sealed class ChangeSequencer(Database db, RapportSettings settings, ILogger<ChangeSequencer> log) : PollingWorker(db, settings, log)
{
    protected override TimeSpan Poll => TimeSpan.FromMilliseconds(100);

    protected override bool Enabled => Db.Target.Provider == DatabaseProvider.Postgres;

    protected override async Task<bool> RunOnceAsync(CancellationToken ct) => await ChangeStore.SequenceAsync(Db.Dialect, ct) > 0;
}
