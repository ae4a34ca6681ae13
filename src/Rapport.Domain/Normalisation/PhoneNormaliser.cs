namespace Rapport.Domain.Normalisation;

/// <summary>
/// Phone numbers to E.164 ("+442079460958"), the one form every dialler, SMS gateway and duplicate
/// check understands. International numbers (+, 00 or the region's own prefix such as 011) convert
/// anywhere; national numbers need the record's country or the default region to supply the
/// country code and the trunk prefix to drop.
/// </summary>
/// <remarks>
/// E.164 cannot hold an extension: a trailing "ext. 123", "x123" or ";ext=123" is dropped and
/// reported in <see cref="NormaliseResult.Note"/>. Letters (vanity numbers) are refused. Carrier
/// selection codes (Brazil, Colombia) and Argentina's national mobile "15" are not interpreted; such
/// numbers fail the length check unless written internationally.
/// </remarks>
internal static class PhoneNormaliser
{
    private const int MaxDigits = 24;
    private const int MaxE164Digits = 15;
    private const int MinNsnWithoutPlan = 4;
    private const int MinKeptDigits = 3;
    private const int MaxKeptDigits = 17;
    private const int MaxKeptLength = 32;

    private static readonly string[] ExtensionMarkers = ["extension", "extn", "ext", "x"];

    /// <param name="input">The number as written.</param>
    /// <param name="region">Alpha-2 code used for national numbers, or null.</param>
    /// <param name="keepNationalWithoutRegion">
    /// Where no region is known yet (the older validation path), keep a national number as written
    /// instead of failing; only whitespace, dashes and digits of other scripts are tidied.
    /// </param>
    public static NormaliseResult Normalise(string input, string? region, bool keepNationalWithoutRegion)
    {
        if (input.Length > Normaliser.MaxInputLength) return NormaliseResult.Fail("is too long for a phone number");
        var s = CharFolding.TrimIgnorable(input);
        if (s.IsEmpty) return NormaliseResult.Blank;
        if (s.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) s = CharFolding.TrimIgnorable(s[4..]);
        var number = SplitExtension(s, out var extension);
        Span<char> digits = stackalloc char[MaxDigits];
        var error = Scan(number, digits, out var count, out var plus, out var trunkZeroAt);
        if (error is not null) return NormaliseResult.Fail(error);
        var d = digits[..count];
        var plan = region is null ? null : PhonePlans.ForRegion(region);
        var prefix = plus ? 0 : InternationalPrefixLength(d, plan);
        NormaliseResult result;
        if (prefix >= 0) result = International(input, d[prefix..], trunkZeroAt - prefix, region);
        else if (region is null && keepNationalWithoutRegion) result = Kept(input, number, count);
        else if (region is null) result = NormaliseResult.Fail("needs a country code or a default region");
        else if (plan is null) result = NormaliseResult.Fail($"needs a country code: there is no phone numbering plan for {Text.CountryName(region)}");
        else result = National(input, d, plan);
        if (extension.IsEmpty || !result.IsValid) return result;
        return result with { Note = $"extension {extension} dropped: E.164 numbers have no extensions" };
    }

    private static ReadOnlySpan<char> SplitExtension(ReadOnlySpan<char> s, out ReadOnlySpan<char> extension)
    {
        extension = default;
        var i = s.Length;
        while (i > 0 && char.IsAsciiDigit(CharFolding.FoldDigit(CharFolding.FoldWidth(s[i - 1])))) i--;
        var digits = s.Length - i;
        if (digits is 0 or > 7) return s;
        var digitsStart = i;
        while (i > 0 && (char.IsWhiteSpace(s[i - 1]) || s[i - 1] is '.' or ':' or '=')) i--;
        foreach (var marker in ExtensionMarkers)
        {
            var start = i - marker.Length;
            if (start <= 0 || !s[start..i].Equals(marker, StringComparison.OrdinalIgnoreCase)) continue;
            var before = s[start - 1];
            if (!char.IsWhiteSpace(before) && !char.IsAsciiDigit(CharFolding.FoldDigit(before)) && before is not (')' or ',' or ';')) continue;
            extension = s[digitsStart..];
            return s[..start].TrimEnd().TrimEnd(",;").TrimEnd();
        }
        return s;
    }

    private static string? Scan(ReadOnlySpan<char> s, Span<char> digits, out int count, out bool plus, out int trunkZeroAt)
    {
        count = 0;
        plus = false;
        trunkZeroAt = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = CharFolding.FoldDigit(CharFolding.FoldWidth(s[i]));
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length) return "has too many digits for a phone number";
                digits[count++] = c;
            }
            else if (c == '+')
            {
                if (plus || count > 0) return "has a '+' that is not at the start";
                plus = true;
            }
            else if (c == '(' && count > 0 && IsTrunkZero(s[(i + 1)..], out var length))
            {
                if (count == digits.Length) return "has too many digits for a phone number";
                trunkZeroAt = count;
                digits[count++] = '0';
                i += length;
            }
            else if (!char.IsWhiteSpace(c) && !CharFolding.IsDash(c) && !CharFolding.IsIgnorable(c) && c is not ('.' or '/' or '(' or ')'))
            {
                return $"contains {Text.Quote(c)}, which is not part of a phone number";
            }
        }
        return count == 0 ? "has no digits" : null;
    }

    /// <summary>"(0)" after the country code: "+49 (0)30 …" shows the trunk prefix dialled only from inside the country.</summary>
    private static bool IsTrunkZero(ReadOnlySpan<char> rest, out int length)
    {
        var trimmed = rest.TrimStart();
        length = 0;
        if (trimmed.IsEmpty || CharFolding.FoldDigit(CharFolding.FoldWidth(trimmed[0])) != '0') return false;
        var after = trimmed[1..].TrimStart();
        if (after.IsEmpty || CharFolding.FoldWidth(after[0]) != ')') return false;
        length = rest.Length - after.Length + 1;
        return true;
    }

    private static int InternationalPrefixLength(ReadOnlySpan<char> digits, PhonePlan? plan)
    {
        if (plan is not null)
        {
            foreach (var prefix in plan.InternationalPrefixes) if (digits.StartsWith(prefix)) return prefix.Length;
        }
        return digits.StartsWith("00") ? 2 : -1;
    }

    private static NormaliseResult International(string input, ReadOnlySpan<char> rest, int trunkZeroAt, string? region)
    {
        if (rest.IsEmpty) return NormaliseResult.Fail("has no digits after the international prefix");
        if (rest[0] == '0') return NormaliseResult.Fail("has a country code starting with 0, which does not exist");
        var codeLength = CallingCodes.Match(rest);
        if (codeLength == 0) return NormaliseResult.Fail($"starts with an unknown country code (+{rest[..Math.Min(3, rest.Length)]})");
        var code = rest[..codeLength];
        var nsn = rest[codeLength..];
        var plan = PhonePlans.ForCallingCode(code, region);
        var trunkZeroIsPrefix = plan is null || plan.TrunkPrefixes.Contains("0");
        if (trunkZeroAt == codeLength && trunkZeroIsPrefix) nsn = nsn[1..];
        if (plan is not null) return Build(input, plan, StripTrunk(nsn, plan));
        if (nsn.Length < MinNsnWithoutPlan) return NormaliseResult.Fail($"is too short ({nsn.Length} digits after the country code +{code})");
        if (codeLength + nsn.Length > MaxE164Digits) return NormaliseResult.Fail($"is too long: E.164 numbers have at most {MaxE164Digits} digits");
        return Write(input, code, nsn);
    }

    private static NormaliseResult National(string input, ReadOnlySpan<char> digits, PhonePlan plan) =>
        Build(input, plan, StripTrunk(digits, plan));

    /// <summary>
    /// Drops a trunk prefix when what remains is a valid length, or when the number is not valid with
    /// it either: "8 800…" loses its 8 while "+7 800…" and "800…" keep theirs.
    /// </summary>
    private static ReadOnlySpan<char> StripTrunk(ReadOnlySpan<char> nsn, PhonePlan plan)
    {
        foreach (var trunk in plan.TrunkPrefixes)
        {
            if (!nsn.StartsWith(trunk)) continue;
            var stripped = nsn.Length - trunk.Length;
            if (stripped >= plan.MinLength && stripped <= plan.MaxLength) return nsn[trunk.Length..];
            return IsPlausible(nsn, plan) ? nsn : nsn[trunk.Length..];
        }
        return nsn;
    }

    private static bool IsPlausible(ReadOnlySpan<char> nsn, PhonePlan plan) =>
        nsn.Length >= plan.MinLength && nsn.Length <= plan.MaxLength && plan.FirstDigits.Contains(nsn[0]);

    private static NormaliseResult Build(string input, PhonePlan plan, ReadOnlySpan<char> nsn)
    {
        if (nsn.Length < plan.MinLength) return NormaliseResult.Fail($"is too short for {Describe(plan)}: {nsn.Length} digits after the country code, expected {Expected(plan)}");
        if (nsn.Length > plan.MaxLength) return NormaliseResult.Fail($"is too long for {Describe(plan)}: {nsn.Length} digits after the country code, expected {Expected(plan)}");
        if (!plan.FirstDigits.Contains(nsn[0]))
            return NormaliseResult.Fail($"is not a valid number for {Describe(plan)}: the digits after the country code cannot start with {nsn[0]}");
        return Write(input, plan.CallingCode, nsn);
    }

    private static string Describe(PhonePlan plan) => $"{Text.CountryName(plan.Region)} (+{plan.CallingCode})";

    private static string Expected(PhonePlan plan) =>
        plan.MinLength == plan.MaxLength ? $"{plan.MinLength}" : $"{plan.MinLength} to {plan.MaxLength}";

    private static NormaliseResult Write(string input, ReadOnlySpan<char> code, ReadOnlySpan<char> nsn)
    {
        Span<char> buffer = stackalloc char[1 + MaxDigits];
        var writer = new CharWriter(buffer);
        writer.Append('+');
        writer.Append(code);
        writer.Append(nsn);
        return NormaliseResult.Ok(writer.ToString(input));
    }

    /// <summary>A national number kept as written for lack of a region, tidied so equal numbers stay equal strings.</summary>
    private static NormaliseResult Kept(string input, ReadOnlySpan<char> number, int digits)
    {
        if (digits is < MinKeptDigits or > MaxKeptDigits) return NormaliseResult.Fail("needs a country code or a default region");
        Span<char> buffer = stackalloc char[MaxKeptLength];
        var writer = new CharWriter(buffer);
        var pendingSpace = false;
        foreach (var raw in number)
        {
            var c = CharFolding.FoldDigit(CharFolding.FoldWidth(raw));
            if (CharFolding.IsIgnorable(c)) continue;
            if (char.IsWhiteSpace(c)) { pendingSpace = true; continue; }
            if (!writer.HasRoom(pendingSpace ? 2 : 1)) return NormaliseResult.Fail($"is longer than {MaxKeptLength} characters");
            if (pendingSpace) writer.Append(' ');
            pendingSpace = false;
            writer.Append(CharFolding.IsDash(c) ? '-' : c);
        }
        return NormaliseResult.Ok(writer.ToString(input));
    }
}
