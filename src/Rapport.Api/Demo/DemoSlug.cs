using System.Text;

namespace Rapport.Api.Demo;

/// <summary>Turns names with accents into the ASCII people use in email addresses ("Müller" → "mueller").</summary>
internal static class DemoSlug
{
    public static string Of(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') { sb.Append(ch); continue; }
            sb.Append(ch switch
            {
                'ä' or 'æ' => "ae",
                'ö' or 'ø' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                'à' or 'á' or 'â' or 'å' or 'ą' => "a",
                'é' or 'è' or 'ê' or 'ë' or 'ę' => "e",
                'í' or 'ì' or 'î' or 'ï' => "i",
                'ó' or 'ò' or 'ô' => "o",
                'ú' or 'ù' or 'û' => "u",
                'ñ' or 'ń' => "n",
                'ç' or 'ć' => "c",
                'ł' => "l",
                'ś' => "s",
                'ź' or 'ż' => "z",
                _ => "",
            });
        }
        return sb.ToString();
    }

    /// <summary>first.last@domain, lower-case ASCII.</summary>
    public static string Email(string first, string last, string domain) => $"{Of(first)}.{Of(last)}@{domain}";
}
