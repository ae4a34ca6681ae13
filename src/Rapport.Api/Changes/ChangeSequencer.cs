using Microsoft.Extensions.Logging;
using Rapport.Api.Infrastructure;
using Rapport.Data;
using Rapport.Data.Changes;

namespace Rapport.Api.Changes;

/// <summary>
/// PostgreSQL only: gives committed changes their place in the feed (see <see cref="ChangeStore"/>) soon
/// after they commit — woken by this process's writes, and polling for other processes' — and then wakes
/// this process's consumers (webhooks, bus), which read only what a sequencer has numbered. Writes that
/// commit while it works are numbered together in its next round, so its transactions do not grow with
/// the write rate.
/// </summary>
public sealed class ChangeSequencer(Database db, RapportSettings settings, ILogger<ChangeSequencer> log) : PollingWorker(db, settings, log)
{
    protected override TimeSpan Poll => TimeSpan.FromMilliseconds(100);

    protected override bool Enabled => Db.Target.Provider == DatabaseProvider.Postgres;

    protected override Task Wakeup() => Db.Committed.Next();

    protected override async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (await ChangeStore.SequenceAsync(Db.Dialect, ct) == 0) return false;
        Db.Sequenced.Pulse();
        return true;
    }
}
