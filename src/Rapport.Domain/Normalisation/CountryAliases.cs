namespace Rapport.Domain.Normalisation;

/// <summary>
/// Names people write for a country besides the ISO English short name: everyday English forms
/// (UK, USA, South Korea), former names (Swaziland, Burma), the ISO "long" forms some systems export
/// ("Iran, Islamic Republic of") and the local or German names common in European address data.
/// Case, accents, punctuation and the word "the" are ignored when matching, so each name is listed once.
/// </summary>
internal static class CountryAliases
{
    // One line per country: alpha-2 code, a space, names separated by '|'.
    public const string Data = """
        AE UAE|Emirates
        AT Österreich|Oesterreich
        AX Aland
        BA Bosnia|Bosnia-Herzegovina
        BE Belgique|België|Belgien
        BL Saint Barts|Saint Barthelemy
        BN Brunei
        BO Bolivia, Plurinational State of|Plurinational State of Bolivia
        BQ Caribbean Netherlands|Bonaire
        BR Brasil|Brasilien
        CD DR Congo|DRC|Democratic Republic of the Congo|Congo-Kinshasa|Zaire
        CG Republic of the Congo|Congo-Brazzaville
        CH Schweiz|Suisse|Svizzera|Svizra|Swiss Confederation
        CI Ivory Coast
        CN People's Republic of China|PRC
        CV Cape Verde
        CZ Czech Republic|Česko|Česká republika|Tschechien
        DE Deutschland|Federal Republic of Germany|Bundesrepublik Deutschland
        DK Danmark|Dänemark
        ES España|Spanien
        FI Suomi|Finnland
        FK Falklands|Falkland Islands|Malvinas
        FM Micronesia, Federated States of|Federated States of Micronesia
        FO Faeroe Islands|Faroes
        FR Frankreich|République française
        GB UK|United Kingdom of Great Britain and Northern Ireland|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|Vereinigtes Königreich|Großbritannien
        GR Hellas|Ellada|Griechenland
        HK Hong Kong SAR|Hongkong
        HR Hrvatska|Kroatien
        HU Magyarország|Ungarn
        IE Éire|Republic of Ireland|Irland
        IN Bharat|Indien
        IR Iran, Islamic Republic of|Islamic Republic of Iran|Persia
        IT Italia|Italien
        JP Nippon|Nihon
        KG Kyrgyz Republic
        KN Saint Kitts
        KP North Korea|DPRK|Democratic People's Republic of Korea|Korea, North
        KR South Korea|Korea|Republic of Korea|Korea, South|Südkorea
        LA Laos|Lao PDR|Lao
        MD Moldova, Republic of|Republic of Moldova
        MF Saint Martin
        MK Macedonia|FYROM|Former Yugoslav Republic of Macedonia|Republic of North Macedonia
        MM Burma
        MO Macau
        MX México|Estados Unidos Mexicanos|Mexiko
        NL Holland|Nederland|Niederlande|Pays-Bas
        NO Norge|Norwegen
        PL Polska|Polen
        PS Palestine|State of Palestine|Palestinian Territories
        RU Russia|Rossiya|Russland
        SA KSA|Kingdom of Saudi Arabia
        SE Sverige|Schweden
        SH Saint Helena
        SK Slovak Republic|Slowakei
        SX Sint Maarten
        SY Syria
        SZ Swaziland
        TL East Timor
        TR Turkey|Türkei
        TT Trinidad
        TW Taiwan, Province of China|Chinese Taipei
        TZ Tanzania, United Republic of|United Republic of Tanzania
        UM US Minor Outlying Islands
        US USA|United States|America|US of A|Vereinigte Staaten|Estados Unidos
        VA Vatican|Vatican City|Vatican City State
        VE Venezuela, Bolivarian Republic of|Bolivarian Republic of Venezuela
        VG British Virgin Islands
        VI US Virgin Islands
        VN Vietnam
        """;
}
