using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rapport.Domain.Records;

public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
