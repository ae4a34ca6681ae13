using System.Collections.Concurrent;
using Npgsql;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Changes;

/// <summary>
/// The feed's hard promise on PostgreSQL: with concurrent writers, a reader following the cursor never
/// skips a change, not even one whose transaction started first and committed last.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChangeFeedConcurrencyTests(PostgresFixture pg)
{
    [Fact]
    public async Task Changes_ConcurrentWritersCommittingOutOfOrder_ReaderSeesEveryChangeOnceInOrder()
    {
        await using var app = await RapportApp.StartPostgresAsync(pg);
        if (app is null) return;
        var client = await app.ClientAsync("crm.read", "crm.write");
        var (_, start, _) = await ChangeFeedTests.ReadAsync(client);

        var expected = new ConcurrentBag<string>();
        var seen = new List<(long Seq, string Id)>();
        var writing = true;
        var reader = Task.Run(async () =>
        {
            var cursor = start;
            var quiet = 0;
            while (writing || quiet < 3)
            {
                var (data, next, more) = await ChangeFeedTests.ReadAsync(client, $"since={cursor}&limit=25");
                seen.AddRange(data.Select(c => (long.Parse(c["seq"]!.GetValue<string>()), c["id"]!.GetValue<string>())));
                cursor = next;
                quiet = data.Count == 0 && !writing ? quiet + 1 : 0;
                if (!more) await Task.Delay(5);
            }
        });

        // Writers through the API, and "slow" transactions that write their change first and commit
        // long after others that started later have committed (and been read).
        var api = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
                expected.Add((await client.CreateAsync("contacts", $$"""{ "lastName": "Writer {{w}}-{{i}}" }""")).Id());
        }));
        var slow = Enumerable.Range(0, 12).Select(t => Task.Run(async () =>
        {
            await Task.Delay(t * 40);
            var id = Guid.CreateVersion7();
            await using var connection = new NpgsqlConnection(app.Target.ConnectionString);
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO changes (object, record_id, op, at, version, client_id, changed_fields, record) " +
                "VALUES ('contacts', @id, 'created', now(), 1, 'slow-writer', '[]', '{}')", connection, tx))
            {
                insert.Parameters.AddWithValue("id", id);
                await insert.ExecuteNonQueryAsync();
            }
            await Task.Delay(150 + t * 37 % 300);
            await tx.CommitAsync();
            expected.Add(id.ToString());
        }));
        await Task.WhenAll(api.Concat(slow));
        writing = false;
        await reader.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Order().ToList(), seen.Select(s => s.Id).Order().ToList());
        Assert.Equal(seen.Select(s => s.Seq).Order().ToList(), seen.Select(s => s.Seq).ToList());
        Assert.Equal(seen.Count, seen.Select(s => s.Seq).Distinct().Count());
    }
}
