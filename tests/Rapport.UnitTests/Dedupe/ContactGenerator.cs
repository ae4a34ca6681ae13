using Rapport.Integration.Dedupe;

namespace Rapport.UnitTests.Dedupe;

/// <summary>
/// Deterministic synthetic contacts for quality tests and benchmarks: names with realistic skew (many
/// Smiths, a long tail of rare names), households sharing a family name, address and phone, and a share
/// of duplicates carrying the errors CRM data has: typos, swapped first and last name, nicknames and
/// initials, missing or other email, a phone in national form or with one wrong digit, day and month
/// transposed, one wrong postcode digit, an abbreviated street, a move. The same seed gives the same data.
/// </summary>
internal sealed class ContactGenerator(int seed)
{
    public static readonly MatchField[] Fields =
    [
        new("firstName", MatchKind.Name),
        new("lastName", MatchKind.Name),
        new("email", MatchKind.Email),
        new("phone", MatchKind.Phone),
        new("street", MatchKind.Street),
        new("city", MatchKind.Text),
        new("postalCode", MatchKind.Postcode),
        new("country", MatchKind.Exact),
        new("birthDate", MatchKind.Date),
    ];

    private const int FirstName = 0, LastName = 1, Email = 2, Phone = 3, Street = 4, City = 5, PostalCode = 6, Country = 7, BirthDate = 8;

    private static readonly string[] GivenNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Karen", "Christopher", "Sarah", "Charles", "Lisa", "Daniel", "Nancy",
        "Matthew", "Sandra", "Anthony", "Betty", "Mark", "Ashley", "Donald", "Emily", "Steven", "Kimberly", "Andrew", "Margaret",
        "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah",
        "Ronald", "Stephanie", "George", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Dorothy",
        "Jacob", "Amy", "Nicholas", "Kathleen", "Gary", "Angela", "Eric", "Shirley", "Jonathan", "Emma", "Stephen", "Brenda",
        "Larry", "Pamela", "Justin", "Nicole", "Scott", "Anna", "Brandon", "Samantha", "Benjamin", "Katherine", "Samuel", "Christine",
        "Gregory", "Debra", "Alexander", "Rachel", "Patrick", "Carolyn", "Frank", "Janet", "Raymond", "Maria", "Jack", "Olivia",
        "Dennis", "Heather", "Jerry", "Helen", "Tyler", "Catherine", "Aaron", "Diane", "Jose", "Julie", "Adam", "Victoria",
        "Nathan", "Joyce", "Henry", "Lauren", "Zachary", "Kelly", "Douglas", "Christina", "Peter", "Ruth", "Kyle", "Joan",
        "Noah", "Virginia", "Ethan", "Judith", "Jeremy", "Evelyn", "Christian", "Hannah", "Walter", "Andrea", "Keith", "Megan",
        "Austin", "Cheryl", "Roger", "Jacqueline", "Terry", "Madison", "Sean", "Teresa", "Gerald", "Abigail", "Carl", "Sophia",
        "Dylan", "Martha", "Harold", "Sara", "Jordan", "Gloria", "Jesse", "Janice", "Bryan", "Kathryn", "Lawrence", "Ann",
        "Arthur", "Isabella", "Gabriel", "Judy", "Bruce", "Charlotte", "Logan", "Julia", "Billy", "Grace", "Joe", "Amber",
        "Alan", "Alice", "Juan", "Jean", "Elijah", "Denise", "Willie", "Frances", "Albert", "Danielle", "Wayne", "Marilyn",
        "Randy", "Natalie", "Mason", "Beverly", "Vincent", "Diana", "Liam", "Brittany", "Roy", "Theresa", "Bobby", "Kayla",
        "Klaus", "Jürgen", "Anja", "Sören", "Zoë", "Renée", "José", "François", "Małgorzata", "Ole", "Ines", "Lars",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
        "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins",
        "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
        "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
        "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers",
        "Long", "Ross", "Foster", "Jimenez", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "O'Brien", "McDonald", "van der Berg", "De la Cruz", "Nowak", "Kowalski", "Rossi", "Russo", "Dubois", "Lefèvre",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "ren", "mo", "lin", "dor", "sa", "vel", "tri", "bo", "gan", "ley", "har", "wick", "ston", "ber", "ford", "mar",
        "ton", "el", "ri", "do", "na", "thal", "quin", "zer", "pol", "fen", "lis", "gar", "ro", "shaw", "bur", "den", "ash",
    ];

    private static readonly string[] StreetTypes = ["Street", "Road", "Avenue", "Lane", "Drive", "Court", "Place", "Way"];

    private static readonly string[] Providers = ["gmail.com", "yahoo.com", "outlook.com", "web.de", "icloud.com", "gmx.net"];

    private static readonly (string Full, string Short)[] Abbreviations =
        [("Street", "St."), ("Road", "Rd"), ("Avenue", "Ave"), ("Lane", "Ln"), ("Drive", "Dr."), ("Court", "Ct"), ("Place", "Pl")];

    private static readonly Dictionary<string, string[]> Nicknames = new(StringComparer.Ordinal)
    {
        ["Robert"] = ["Bob", "Rob", "Bobby"], ["William"] = ["Bill", "Will"], ["Richard"] = ["Rick", "Dick"],
        ["James"] = ["Jim", "Jimmy"], ["Michael"] = ["Mike"], ["Elizabeth"] = ["Liz", "Beth"], ["Katherine"] = ["Kate", "Kathy"],
        ["Thomas"] = ["Tom"], ["Charles"] = ["Charlie"], ["Edward"] = ["Ed", "Ted"], ["Anthony"] = ["Tony"], ["Joseph"] = ["Joe"],
        ["Daniel"] = ["Dan", "Danny"], ["David"] = ["Dave"], ["Christopher"] = ["Chris"], ["Matthew"] = ["Matt"],
        ["Andrew"] = ["Andy"], ["Alexander"] = ["Alex"], ["Nicholas"] = ["Nick"], ["Benjamin"] = ["Ben"], ["Samuel"] = ["Sam"],
        ["Patrick"] = ["Pat"], ["Steven"] = ["Steve"], ["Timothy"] = ["Tim"], ["Jennifer"] = ["Jen", "Jenny"],
        ["Jessica"] = ["Jess"], ["Rebecca"] = ["Becky"], ["Susan"] = ["Sue"], ["Margaret"] = ["Maggie", "Peggy"],
        ["Gregory"] = ["Greg"], ["Peter"] = ["Pete"], ["Ronald"] = ["Ron"], ["Donald"] = ["Don"], ["Kenneth"] = ["Ken"],
        ["Lawrence"] = ["Larry"], ["Samantha"] = ["Sam"], ["Victoria"] = ["Vicky"], ["Pamela"] = ["Pam"], ["Deborah"] = ["Debbie"],
    };

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly List<string> _cities = [];
    private readonly List<string> _streets = [];

    /// <summary><paramref name="count"/> contacts of which <paramref name="duplicateShare"/> are corrupted copies; Entities[row] identifies the person.</summary>
    public (MatchTable Table, int[] Entities) Generate(int count, double duplicateShare = 0.1)
    {
        for (var i = 0; i < 2000; i++) _cities.Add(Capitalised(Word(2, 3)));
        for (var i = 0; i < Math.Max(1000, count / 20); i++) _streets.Add($"{Capitalised(Word(2, 3))} {Pick(StreetTypes)}");

        var originals = (int)Math.Round(count * (1 - duplicateShare));
        var people = new List<string?[]>(originals);
        for (var i = 0; i < originals; i++) people.Add(i > 0 && _random.NextDouble() < 0.03 ? HouseholdMember(people[_random.Next(i)]) : Person());

        var rows = new List<(string?[] Values, int Entity)>(count);
        for (var i = 0; i < originals; i++) rows.Add((people[i], i));
        for (var i = originals; i < count; i++)
        {
            var entity = _random.Next(originals);
            rows.Add((Duplicate(people[entity]), entity));
        }
        Shuffle(rows);

        var table = new MatchTable(Fields, count);
        var entities = new int[count];
        var idBytes = new byte[16];
        for (var i = 0; i < rows.Count; i++)
        {
            _random.NextBytes(idBytes);
            table.Add(new Guid(idBytes), rows[i].Values);
            entities[i] = rows[i].Entity;
        }
        return (table, entities);
    }

    private string?[] Person()
    {
        var first = Skewed(GivenNames);
        var last = _random.NextDouble() < 0.6 ? Skewed(FamilyNames) : Capitalised(Word(2, 3));
        var city = SkewedIndex(_cities.Count);
        var values = new string?[Fields.Length];
        values[FirstName] = first;
        values[LastName] = last;
        values[Email] = _random.NextDouble() < 0.85 ? UniqueEmail(first, last) : null;
        values[Phone] = _random.NextDouble() < 0.75 ? $"+1{_random.Next(201, 990)}{_random.Next(0, 10_000_000):D7}" : null;
        values[Street] = $"{_random.Next(1, 400)} {Pick(_streets)}";
        values[City] = _cities[city];
        values[PostalCode] = PostalCodeOf(city);
        values[Country] = _random.NextDouble() < 0.9 ? "US" : Pick(["CA", "GB", "DE", "FR"]);
        values[BirthDate] = _random.NextDouble() < 0.7 ? new DateOnly(1940, 1, 1).AddDays(_random.Next(0, 23_700)).ToString("yyyy-MM-dd") : null;
        return values;
    }

    private string?[] HouseholdMember(string?[] relative)
    {
        var person = Person();
        person[LastName] = relative[LastName];
        person[Street] = relative[Street];
        person[City] = relative[City];
        person[PostalCode] = relative[PostalCode];
        person[Country] = relative[Country];
        if (_random.NextDouble() < 0.5) person[Phone] = relative[Phone];
        return person;
    }

    private string?[] Duplicate(string?[] original)
    {
        var copy = (string?[])original.Clone();
        var errors = 1 + _random.Next(3);
        for (var e = 0; e < errors; e++) Corrupt(copy);
        return copy;
    }

    private void Corrupt(string?[] v)
    {
        switch (_random.Next(13))
        {
            case 0: v[FirstName] = Typo(v[FirstName]); break;
            case 1: v[LastName] = Typo(v[LastName]); break;
            case 2: (v[FirstName], v[LastName]) = (v[LastName], v[FirstName]); break;
            case 3:
                v[FirstName] = v[FirstName] is { } f && Nicknames.TryGetValue(f, out var nicks) ? Pick(nicks) : v[FirstName]?[..1];
                break;
            case 4: v[Email] = null; break;
            case 5: v[Email] = v[Email] is { } mail ? OtherProvider(mail) : null; break;
            case 6: v[Phone] = null; break;
            case 7: v[Phone] = v[Phone] is { } p ? (_random.Next(2) == 0 ? WrongDigit(p, 2) : $"({p[2..5]}) {p[5..8]}-{p[8..]}") : null; break;
            case 8: v[BirthDate] = v[BirthDate] is { } d ? TransposedOrOff(d) : null; break;
            case 9: v[PostalCode] = v[PostalCode] is { } z ? WrongDigit(z, 0) : null; break;
            case 10: v[Street] = Abbreviated(v[Street]); break;
            case 11:
                var city = SkewedIndex(_cities.Count);
                v[Street] = $"{_random.Next(1, 400)} {Pick(_streets)}";
                v[City] = _cities[city];
                v[PostalCode] = PostalCodeOf(city);
                break;
            default: v[LastName] = v[LastName]?.ToUpperInvariant(); v[Street] = Typo(v[Street]); break;
        }
    }

    private string? Typo(string? text)
    {
        if (text is null || text.Length < 3) return text;
        var chars = text.ToList();
        var at = 1 + _random.Next(chars.Count - 2);
        switch (_random.Next(4))
        {
            case 0: chars.RemoveAt(at); break;
            case 1: chars.Insert(at, (char)('a' + _random.Next(26))); break;
            case 2: chars[at] = (char)('a' + _random.Next(26)); break;
            default: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
        }
        return new string(chars.ToArray());
    }

    private string WrongDigit(string text, int from)
    {
        var chars = text.ToCharArray();
        var at = from + _random.Next(chars.Length - from);
        chars[at] = chars[at] == '9' ? '0' : (char)(chars[at] + 1);
        return new string(chars);
    }

    private string TransposedOrOff(string iso)
    {
        var date = DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
        if (date.Day <= 12 && date.Day != date.Month) return new DateOnly(date.Year, date.Day, date.Month).ToString("yyyy-MM-dd");
        return (_random.Next(2) == 0 ? date.AddYears(1) : date.AddDays(1)).ToString("yyyy-MM-dd");
    }

    private string? Abbreviated(string? street)
    {
        if (street is null) return null;
        foreach (var (full, abbreviation) in Abbreviations)
        {
            if (street.EndsWith(full, StringComparison.Ordinal)) return street[..^full.Length] + abbreviation;
        }
        return street.ToLowerInvariant();
    }

    private string UniqueEmail(string first, string last)
    {
        var local = _random.Next(4) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first[0]}{last}",
            2 => $"{first}{_random.Next(10, 99)}",
            _ => $"{last}.{first}",
        };
        local = new string(local.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Append('.').ToArray()).TrimEnd('.');
        var domain = _random.NextDouble() < 0.6 ? Pick(Providers) : $"{Word(2, 2)}.com";
        var email = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(email); n++) email = $"{local}{n}@{domain}";
        return email;
    }

    /// <summary>The same mailbox name at another provider, unless someone else already has that address.</summary>
    private string OtherProvider(string email)
    {
        var moved = $"{email[..email.IndexOf('@')]}@{Pick(Providers)}";
        return moved == email || _emails.Add(moved) ? moved : email;
    }

    private string PostalCodeOf(int city) => $"{10000 + city * 40 + _random.Next(40):D5}";

    private string Word(int min, int max)
    {
        var parts = min + _random.Next(max - min + 1);
        return string.Concat(Enumerable.Range(0, parts).Select(_ => Pick(Syllables)));
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Index with roughly Zipf-distributed frequency: the first items are far more common.</summary>
    private int SkewedIndex(int count) => (int)Math.Min(count - 1, Math.Floor(Math.Exp(_random.NextDouble() * Math.Log(count + 1)) - 1));

    private string Skewed(string[] items) => items[SkewedIndex(items.Length)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
