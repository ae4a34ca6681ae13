using System.Collections.Frozen;

namespace Rapport.Integration.Dedupe.Strings;

/// <summary>
/// Common English and German given-name variants (Robert / Bob / Rob, Johannes / Hans). Jaro-Winkler sees
/// "bob" and "robert" as different names; a CRM user does not. A name may belong to several groups
/// ("chris" is Christopher and Christine), so a name maps to a set of groups, numbered from 1.
/// </summary>
internal static class Nicknames
{
    private static readonly string[][] Groups =
    [
        ["robert", "bob", "rob", "bobby", "robbie", "bert"],
        ["william", "bill", "will", "billy", "willy", "liam"],
        ["richard", "rick", "dick", "rich", "ricky", "richie"],
        ["james", "jim", "jimmy", "jamie"],
        ["john", "jack", "johnny", "jon"],
        ["jonathan", "jon", "jonny"],
        ["michael", "mike", "mick", "mickey", "micha"],
        ["elizabeth", "liz", "beth", "betty", "eliza", "lizzie", "libby", "elisabeth"],
        ["margaret", "maggie", "meg", "peggy", "marge", "greta", "margarete"],
        ["katherine", "catherine", "kathryn", "kate", "kathy", "katie", "cathy", "kat", "katharina", "kathrin"],
        ["thomas", "tom", "tommy"],
        ["charles", "charlie", "chuck", "chas"],
        ["edward", "ed", "eddie", "ted", "ned"],
        ["anthony", "tony", "antony"],
        ["joseph", "joe", "joey", "josef", "sepp"],
        ["daniel", "dan", "danny"],
        ["david", "dave", "davy"],
        ["christopher", "chris", "kit", "christoph"],
        ["christine", "christina", "chris", "tina", "kristina", "kristin"],
        ["matthew", "matt", "matthias", "mathias"],
        ["andrew", "andy", "drew", "andreas"],
        ["alexander", "alex", "sandy", "xander", "alec"],
        ["alexandra", "alex", "alexa"],
        ["nicholas", "nick", "nicky", "niklas", "nico", "klaus"],
        ["benjamin", "ben", "benny"],
        ["samuel", "sam", "sammy"],
        ["samantha", "sam", "sammy"],
        ["patrick", "pat", "paddy"],
        ["patricia", "pat", "patty", "trish", "tricia"],
        ["steven", "stephen", "steve", "stefan", "stephan"],
        ["timothy", "tim", "timmy"],
        ["jennifer", "jen", "jenny"],
        ["jessica", "jess", "jessie"],
        ["rebecca", "becky", "becca"],
        ["susan", "sue", "susie", "suzanne", "susanne"],
        ["deborah", "deb", "debbie", "debra"],
        ["victoria", "vicky", "tori"],
        ["frederick", "fred", "freddie", "friedrich", "fritz"],
        ["henry", "harry", "hank", "heinrich", "heinz"],
        ["lawrence", "larry", "laurence"],
        ["gregory", "greg"],
        ["peter", "pete"],
        ["philip", "phil", "phillip", "philipp"],
        ["ronald", "ron", "ronnie"],
        ["donald", "don", "donnie"],
        ["kenneth", "ken", "kenny"],
        ["gerald", "gerry", "jerry"],
        ["raymond", "ray"],
        ["albert", "al", "bert"],
        ["francis", "frank", "frankie", "franz"],
        ["frances", "fran", "frankie", "franziska"],
        ["joshua", "josh"],
        ["zachary", "zach", "zack"],
        ["jacob", "jake", "jakob"],
        ["nathan", "nathaniel", "nate", "nat"],
        ["abigail", "abby", "abbie"],
        ["amanda", "mandy"],
        ["dorothy", "dot", "dottie", "dorothea"],
        ["eleanor", "ellie", "nell", "nellie", "leonore"],
        ["barbara", "barb", "babs"],
        ["pamela", "pam"],
        ["theodore", "theo", "ted", "teddy"],
        ["leonard", "leo", "len", "lenny"],
        ["vincent", "vince"],
        ["walter", "walt", "wally"],
        ["harold", "hal", "harry"],
        ["isabella", "isabel", "bella", "izzy", "isabelle"],
        ["johannes", "johann", "hans", "jan"],
        ["wolfgang", "wolf"],
        ["gabriel", "gabe"],
        ["gabrielle", "gabriela", "gabi", "gaby"],
        ["maximilian", "max"],
        ["jacqueline", "jackie"],
        ["caroline", "carol", "carrie", "carolyn"],
        ["judith", "judy", "jutta"],
        ["sebastian", "seb", "basti"],
        ["stanley", "stan"],
        ["douglas", "doug"],
        ["mitchell", "mitch"],
        ["benedict", "ben"],
        ["terence", "terry", "terrence"],
        ["teresa", "theresa", "terry", "tess", "resi"],
    ];

    private static readonly FrozenDictionary<string, int[]> GroupsOf = Build();

    /// <summary>The group numbers of a folded given name, empty when it has no known variants.</summary>
    public static ReadOnlySpan<int> Of(string name) =>
        GroupsOf.TryGetValue(name, out var groups) ? groups : ReadOnlySpan<int>.Empty;

    /// <summary>Whether two folded given names are variants of one name.</summary>
    public static bool Related(string a, string b)
    {
        var ga = Of(a);
        if (ga.IsEmpty) return false;
        var gb = Of(b);
        foreach (var g in ga)
        {
            if (gb.Contains(g)) return true;
        }
        return false;
    }

    private static FrozenDictionary<string, int[]> Build()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Length; g++)
        {
            foreach (var name in Groups[g])
            {
                if (!map.TryGetValue(name, out var list)) map[name] = list = [];
                list.Add(g + 1);
            }
        }
        return map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
