namespace Rapport.Data;

/// <summary>The database engines Rapport can store its data in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
