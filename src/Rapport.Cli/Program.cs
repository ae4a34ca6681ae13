using Microsoft.Data.Sqlite;
using var c = new SqliteConnection("Data Source=:memory:");
c.Open();
using var cmd = c.CreateCommand();
cmd.CommandText = "select sqlite_version(), json_extract('{\"a\":1}','$.a')";
using var r = cmd.ExecuteReader(); r.Read();
Console.WriteLine(r.GetString(0) + " " + r.GetInt64(1));
return 0;
