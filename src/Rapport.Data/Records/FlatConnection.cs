using System.Data.Common;
using System.Text.Json;
using Rapport.Data.Sql;

namespace Rapport.Data.Records;

/// <summary>
/// One reader's connection for <see cref="FlatRows"/>: on SQLite a read-only connection of its own
/// (<see cref="SqliteRawReader"/>), on PostgreSQL a session of the pool. Used by one thread at a time.
/// </summary>
public sealed class FlatConnection : IAsyncDisposable
{
    private readonly SqliteRawReader? _sqlite;
    private readonly DbSession? _session;

    private FlatConnection(SqlDialect dialect, SqliteRawReader? sqlite, DbSession? session)
    {
        Dialect = dialect;
        _sqlite = sqlite;
        _session = session;
    }

    public SqlDialect Dialect { get; }

    /// <summary>
    /// Opens a connection for the flat path, or null when it does not apply (SQLite in memory, whose data
    /// another connection cannot see).
    /// </summary>
    /// <param name="sqliteFile">The SQLite database's file, null for PostgreSQL or an in-memory database.</param>
    public static async Task<FlatConnection?> OpenAsync(SqlDialect dialect, string? sqliteFile, CancellationToken ct)
    {
        if (dialect.Provider == DatabaseProvider.Postgres) return new FlatConnection(dialect, null, await dialect.OpenAsync(write: false, ct));
        return sqliteFile is null ? null : new FlatConnection(dialect, SqliteRawReader.Open(sqliteFile), null);
    }

    internal IFlatRowSource Query(string sql, ParameterList p) =>
        _sqlite is not null ? _sqlite.Prepare(sql, p.Values(Dialect)) : new DbRows(_session!.Command(sql, p).ExecuteReader());

    public async ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        if (_session is not null) await _session.DisposeAsync();
    }

    /// <summary>
    /// A PostgreSQL result of one bytea per row holding the row's values as a JSON array
    /// (<see cref="FlatRows.SelectList"/>): a string value is its text (unescaped when it has escapes), a JSON
    /// value (a stored jsonb) its JSON text, null nothing. No .NET string is made.
    /// </summary>
    private sealed class DbRows(DbDataReader reader) : IFlatRowSource
    {
        private readonly JsonScratch _scratch = new();
        private byte[] _row = new byte[4096];
        private int _length;
        private JsonMembers.Slice[] _values = new JsonMembers.Slice[16];

        public bool Next()
        {
            if (!reader.Read()) return false;
            _length = (int)reader.GetBytes(0, 0, null, 0, 0);
            if (_row.Length < _length) _row = new byte[Math.Max(_row.Length * 2, _length)];
            reader.GetBytes(0, 0, _row, 0, _length);
            _scratch.Reset();
            var json = new Utf8JsonReader(_row.AsSpan(0, _length));
            json.Read();
            var count = 0;
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                if (count == _values.Length) Array.Resize(ref _values, count * 2);
                _values[count++] = JsonMembers.Take(ref json, _scratch, compact: false);
            }
            return true;
        }

        public ReadOnlySpan<byte> Text(int index) => _values[index].Resolve(_row.AsSpan(0, _length), _scratch);

        public void Dispose() => reader.Dispose();
    }
}

/// <summary>The rows of a flat path query, each column as UTF-8 text (empty for NULL), valid until the next row.</summary>
internal interface IFlatRowSource : IDisposable
{
    bool Next();

    ReadOnlySpan<byte> Text(int index);
}
