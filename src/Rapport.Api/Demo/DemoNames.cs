namespace Rapport.Api.Demo;

/// <summary>A company of the demo data: an account, or the company of a lead. <c>Parent</c> indexes the parent account.</summary>
internal sealed record DemoCompany(string Name, string Domain, string Industry, string Country, string City, int? Parent = null);

/// <summary>The pools the demo data draws from: countries (people, cities, streets, phones), companies and job titles.</summary>
internal static class DemoNames
{
    public static readonly DemoCountry[] Countries =
    [
        new("DE", "EUR", "49", "151", 8, "{0} {1}",
            ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Königstraße", "Schillerstraße", "Gartenstraße"],
            [new("Stuttgart", "70173", "711", 7), new("Hamburg", "20095", "40", 8), new("München", "80331", "89", 8),
             new("Köln", "50667", "221", 7), new("Berlin", "10117", "30", 8), new("Frankfurt am Main", "60311", "69", 8),
             new("Düsseldorf", "40213", "211", 7)],
            ["Anna", "Katrin", "Julia", "Sabine", "Claudia", "Miriam", "Lena"],
            ["Jonas", "Lukas", "Stefan", "Matthias", "Felix", "Tobias", "Andreas"],
            ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Koch", "Richter", "Wolf", "Neumann", "Krüger"]),
        new("FR", "EUR", "33", "6", 8, "{1} {0}",
            ["rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue Nationale", "rue du Général de Gaulle", "place de la Gare"],
            [new("Paris", "75008", "1", 8), new("Lyon", "69002", "4", 8), new("Lille", "59000", "3", 8), new("Nantes", "44000", "2", 8),
             new("Bordeaux", "33000", "5", 8), new("Toulouse", "31000", "5", 8)],
            ["Camille", "Claire", "Sophie", "Élodie", "Isabelle", "Aurélie", "Manon"],
            ["Julien", "Nicolas", "Mathieu", "Antoine", "Thomas", "Guillaume", "Hugo"],
            ["Martin", "Bernard", "Dubois", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Lefèvre", "Fontaine", "Girard", "Bonnet"]),
        new("GB", "GBP", "44", "7", 9, "{1} {0}",
            ["High Street", "Station Road", "King Street", "Church Lane", "Victoria Road", "Market Street"],
            [new("London", "EC2A 4NE", "20", 8), new("Leeds", "LS1 4DY", "113", 7), new("Reading", "RG1 1AX", "118", 7),
             new("Glasgow", "G2 1DY", "141", 7), new("Manchester", "M1 1AE", "161", 7)],
            ["Emily", "Charlotte", "Sophie", "Amelia", "Olivia", "Hannah", "Grace"],
            ["Oliver", "James", "Harry", "George", "William", "Jack", "Thomas"],
            ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Roberts", "Walker", "Wright", "Hughes", "Clarke", "Patel", "Turner"]),
        new("US", "USD", "1", "", 0, "{1} {0}",
            ["Main Street", "Market Street", "Oak Avenue", "Washington Boulevard", "Lake Shore Drive", "Congress Avenue"],
            [new("San Francisco", "94105", "415", 7, "CA"), new("Chicago", "60601", "312", 7, "IL"), new("Boston", "02110", "617", 7, "MA"),
             new("Austin", "78701", "512", 7, "TX"), new("New York", "10001", "212", 7, "NY")],
            ["Jennifer", "Jessica", "Ashley", "Sarah", "Emily", "Megan", "Rachel"],
            ["Michael", "David", "Christopher", "Daniel", "Matthew", "Ryan", "Kevin"],
            ["Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson", "Thompson", "Moore", "Jackson", "Lee", "Harris", "Clark", "Lewis"]),
        new("NL", "EUR", "31", "6", 8, "{0} {1}",
            ["Stationsplein", "Kerkstraat", "Dorpsstraat", "Molenweg", "Havenstraat", "Marktplein"],
            [new("Rotterdam", "3011 AD", "10", 7), new("Amsterdam", "1012 JS", "20", 7), new("Middelburg", "4331 LK", "118", 6),
             new("Utrecht", "3511 LX", "30", 7)],
            ["Sanne", "Lotte", "Femke", "Anouk", "Eva", "Marieke", "Iris"],
            ["Daan", "Thijs", "Bram", "Jeroen", "Ruben", "Sven", "Joost"],
            ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"]),
        new("ES", "EUR", "34", "6", 8, "{0}, {1}",
            ["Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo de la Castellana", "Calle de Colón", "Gran Vía"],
            [new("Madrid", "28013", "91", 7), new("Valencia", "46002", "96", 7), new("Barcelona", "08002", "93", 7), new("Sevilla", "41001", "95", 7)],
            ["Lucía", "María", "Carmen", "Elena", "Laura", "Ana", "Marta"],
            ["Javier", "Carlos", "Alejandro", "Pablo", "Sergio", "Miguel", "Daniel"],
            ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz"]),
        new("IT", "EUR", "39", "3", 9, "{0}, {1}",
            ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Via Dante", "Piazza della Repubblica"],
            [new("Torino", "10121", "011", 7), new("Milano", "20121", "02", 8), new("Napoli", "80133", "081", 7), new("Roma", "00186", "06", 8)],
            ["Giulia", "Francesca", "Chiara", "Valentina", "Sara", "Federica", "Elisa"],
            ["Marco", "Alessandro", "Luca", "Matteo", "Andrea", "Davide", "Simone"],
            ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Conti"]),
        new("SE", "SEK", "46", "70", 7, "{0} {1}",
            ["Storgatan", "Drottninggatan", "Kungsgatan", "Järnvägsgatan", "Hamngatan", "Skolgatan"],
            [new("Stockholm", "111 52", "8", 7), new("Göteborg", "411 06", "31", 7), new("Malmö", "211 20", "40", 7)],
            ["Anna", "Maria", "Karin", "Emma", "Sara", "Elin", "Ingrid"],
            ["Erik", "Lars", "Johan", "Anders", "Per", "Oskar", "Magnus"],
            ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Lindqvist", "Berg", "Lindberg"]),
        new("CH", "CHF", "41", "79", 7, "{0} {1}",
            ["Bahnhofstrasse", "Rue du Rhône", "Marktgasse", "Seestrasse", "Freie Strasse", "Rue de Lausanne"],
            [new("Zürich", "8001", "44", 7), new("Genève", "1204", "22", 7), new("Bern", "3011", "31", 7), new("Basel", "4051", "61", 7)],
            ["Nadine", "Corinne", "Séverine", "Chantal", "Sandra", "Laura", "Martina"],
            ["Reto", "Urs", "Luca", "Beat", "Marco", "Yves", "Thomas"],
            ["Müller", "Meier", "Schmid", "Keller", "Weber", "Favre", "Rochat", "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann"]),
        new("PL", "PLN", "48", "5", 8, "{0} {1}",
            ["ul. Marszałkowska", "ul. Długa", "ul. Piotrkowska", "ul. Floriańska", "ul. Świdnicka", "ul. Mickiewicza"],
            [new("Warszawa", "00-001", "22", 7), new("Kraków", "31-001", "12", 7), new("Gdańsk", "80-001", "58", 7), new("Wrocław", "50-001", "71", 7)],
            ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Ewa", "Monika"],
            ["Piotr", "Tomasz", "Paweł", "Krzysztof", "Michał", "Marcin", "Jakub"],
            ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski"]),
        new("AT", "EUR", "43", "664", 7, "{0} {1}",
            ["Hauptplatz", "Mariahilfer Straße", "Herrengasse", "Landstraße", "Bahnhofstraße", "Kirchengasse"],
            [new("Wien", "1010", "1", 7), new("Graz", "8010", "316", 6), new("Linz", "4020", "732", 6)],
            ["Katharina", "Elisabeth", "Verena", "Birgit", "Theresa", "Johanna", "Sabine"],
            ["Florian", "Lukas", "Markus", "Thomas", "Georg", "Christoph", "Martin"],
            ["Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger", "Fuchs"]),
        new("BE", "EUR", "32", "47", 7, "{0} {1}",
            ["Meir", "Kerkstraat", "Rue Neuve", "Stationsstraat", "Veldstraat", "Grote Markt"],
            [new("Antwerpen", "2000", "3", 7), new("Bruxelles", "1000", "2", 7), new("Gent", "9000", "9", 7)],
            ["Lien", "Elise", "Nathalie", "Sofie", "Charlotte", "Julie", "Hanne"],
            ["Wout", "Pieter", "Jens", "Kevin", "Maxime", "Bart", "Koen"],
            ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "Dubois", "Lambert", "Dupont"]),
    ];

    /// <summary>The 40 accounts. Subsidiaries name their parent by index and come after it.</summary>
    public static readonly DemoCompany[] Accounts =
    [
        new("Hoffmann Maschinenbau GmbH", "hoffmann-maschinenbau.de", "Manufacturing", "DE", "Stuttgart"),
        new("Nordlicht Logistik GmbH", "nordlicht-logistik.de", "Logistics", "DE", "Hamburg"),
        new("Bergmann & Söhne KG", "bergmann-soehne.de", "Retail", "DE", "München"),
        new("Rheinwerk Energie AG", "rheinwerk-energie.de", "Energy", "DE", "Köln"),
        new("Lindenhof Software GmbH", "lindenhof-software.de", "Software", "DE", "Berlin"),
        new("Nordlicht Logistik Nederland B.V.", "nordlicht-logistik.nl", "Logistics", "NL", "Rotterdam", Parent: 1),
        new("Laurent Distribution SA", "laurent-distribution.fr", "Wholesale", "FR", "Lyon"),
        new("Atelier Moreau SARL", "ateliermoreau.fr", "Textiles", "FR", "Paris"),
        new("Groupe Duval Industrie SA", "groupe-duval.fr", "Manufacturing", "FR", "Lille"),
        new("Océane Télécom SAS", "oceane-telecom.fr", "Telecommunications", "FR", "Nantes"),
        new("Laurent Distribution Iberia S.L.", "laurent-distribution.es", "Wholesale", "ES", "Madrid", Parent: 6),
        new("Whitmore Consulting Ltd", "whitmore-consulting.co.uk", "Consulting", "GB", "London"),
        new("Pennine Engineering Ltd", "pennine-engineering.co.uk", "Manufacturing", "GB", "Leeds"),
        new("Thames Valley Health Ltd", "thamesvalleyhealth.co.uk", "Healthcare", "GB", "Reading"),
        new("Clyde Marine Services Ltd", "clydemarine.co.uk", "Maritime", "GB", "Glasgow"),
        new("Redwood Analytics Inc.", "redwoodanalytics.com", "Software", "US", "San Francisco"),
        new("Great Lakes Freight LLC", "greatlakesfreight.com", "Logistics", "US", "Chicago"),
        new("Harbor Point Financial Corp.", "harborpointfinancial.com", "Financial Services", "US", "Boston"),
        new("Lone Star Solar Inc.", "lonestarsolar.com", "Energy", "US", "Austin"),
        new("Redwood Analytics UK Ltd", "redwoodanalytics.co.uk", "Software", "GB", "London", Parent: 15),
        new("Van Dijk Logistiek B.V.", "vandijk-logistiek.nl", "Logistics", "NL", "Rotterdam"),
        new("Grachtenhuis Media B.V.", "grachtenhuis.nl", "Media", "NL", "Amsterdam"),
        new("Zeeland Agro B.V.", "zeelandagro.nl", "Agriculture", "NL", "Middelburg"),
        new("Soluciones Ibéricas S.L.", "solucionesibericas.es", "Consulting", "ES", "Madrid"),
        new("Mediterránea de Alimentos S.A.", "mediterranea-alimentos.es", "Food & Beverage", "ES", "Valencia"),
        new("Construcciones Tarraco S.A.", "tarraco-construcciones.es", "Construction", "ES", "Barcelona"),
        new("Bianchi Meccanica S.p.A.", "bianchimeccanica.it", "Manufacturing", "IT", "Torino"),
        new("Lombarda Tessile S.r.l.", "lombardatessile.it", "Textiles", "IT", "Milano"),
        new("Vesuvio Foods S.r.l.", "vesuviofoods.it", "Food & Beverage", "IT", "Napoli"),
        new("Lindqvist Bygg AB", "lindqvistbygg.se", "Construction", "SE", "Stockholm"),
        new("Norrsken Energi AB", "norrskenenergi.se", "Energy", "SE", "Göteborg"),
        new("Skåne Medtech AB", "skanemedtech.se", "Healthcare", "SE", "Malmö"),
        new("Alpina Präzision AG", "alpina-praezision.ch", "Manufacturing", "CH", "Zürich"),
        new("Léman Pharma SA", "lemanpharma.ch", "Pharmaceuticals", "CH", "Genève"),
        new("Alpina Präzision Deutschland GmbH", "alpina-praezision.de", "Manufacturing", "DE", "München", Parent: 32),
        new("Wisła Logistyka Sp. z o.o.", "wisla-logistyka.pl", "Logistics", "PL", "Warszawa"),
        new("Kraków Software House Sp. z o.o.", "krakowsoftware.pl", "Software", "PL", "Kraków"),
        new("Bałtyk Serwis Stoczniowy S.A.", "baltykserwis.pl", "Maritime", "PL", "Gdańsk"),
        new("Donau Medien GmbH", "donaumedien.at", "Media", "AT", "Wien"),
        new("Brabant Chemie NV", "brabantchemie.be", "Chemicals", "BE", "Antwerpen"),
    ];

    /// <summary>The companies of the 30 leads: prospects that are not accounts yet.</summary>
    public static readonly DemoCompany[] Prospects =
    [
        new("Falkenstein Automotive GmbH", "falkenstein-automotive.de", "Automotive", "DE", "Stuttgart"),
        new("Mainufer Versicherungsmakler GmbH", "mainufer-makler.de", "Insurance", "DE", "Frankfurt am Main"),
        new("Elbwerk Solar GmbH", "elbwerk-solar.de", "Energy", "DE", "Hamburg"),
        new("Spreequell Getränke GmbH", "spreequell-getraenke.de", "Food & Beverage", "DE", "Berlin"),
        new("Provence Cosmétiques SAS", "provence-cosmetiques.fr", "Consumer Goods", "FR", "Toulouse"),
        new("Garonne Aéro Services SAS", "garonne-aero.fr", "Aerospace", "FR", "Toulouse"),
        new("Maison Lefèvre Immobilier", "lefevre-immobilier.fr", "Real Estate", "FR", "Bordeaux"),
        new("Northgate Retail Group Ltd", "northgateretail.co.uk", "Retail", "GB", "Manchester"),
        new("Kestrel Cyber Security Ltd", "kestrelcyber.co.uk", "Software", "GB", "London"),
        new("Wessex Water Engineering Ltd", "wessexwatereng.co.uk", "Utilities", "GB", "Reading"),
        new("Bluebonnet Health Systems Inc.", "bluebonnethealth.com", "Healthcare", "US", "Austin"),
        new("Hudson Yard Partners LLC", "hudsonyardpartners.com", "Financial Services", "US", "New York"),
        new("Prairie Grain Cooperative", "prairiegrain.com", "Agriculture", "US", "Chicago"),
        new("Bayview Robotics Inc.", "bayviewrobotics.com", "Manufacturing", "US", "San Francisco"),
        new("Domstad IT Diensten B.V.", "domstad-it.nl", "IT Services", "NL", "Utrecht"),
        new("Polder Bouw B.V.", "polderbouw.nl", "Construction", "NL", "Amsterdam"),
        new("Andalucía Solar S.L.", "andaluciasolar.es", "Energy", "ES", "Sevilla"),
        new("Transportes Levante S.A.", "transporteslevante.es", "Logistics", "ES", "Valencia"),
        new("Clínica Diagonal S.L.", "clinicadiagonal.es", "Healthcare", "ES", "Barcelona"),
        new("Tevere Digital S.r.l.", "teveredigital.it", "Media", "IT", "Roma"),
        new("Officine Sabaude S.p.A.", "officinesabaude.it", "Manufacturing", "IT", "Torino"),
        new("Vättern Fastigheter AB", "vatternfastigheter.se", "Real Estate", "SE", "Stockholm"),
        new("Kattegatt Shipping AB", "kattegattshipping.se", "Maritime", "SE", "Göteborg"),
        new("Rheinhafen Logistik AG", "rheinhafen-logistik.ch", "Logistics", "CH", "Basel"),
        new("Aare Treuhand AG", "aare-treuhand.ch", "Financial Services", "CH", "Bern"),
        new("Odra Meble Sp. z o.o.", "odrameble.pl", "Furniture", "PL", "Wrocław"),
        new("Vistula Fintech S.A.", "vistulafintech.pl", "Financial Services", "PL", "Warszawa"),
        new("Murtal Holzbau GmbH", "murtal-holzbau.at", "Construction", "AT", "Graz"),
        new("Linzer Stahltechnik GmbH", "linzer-stahltechnik.at", "Manufacturing", "AT", "Linz"),
        new("Gentse Vastgoed NV", "gentsevastgoed.be", "Real Estate", "BE", "Gent"),
    ];

    public static readonly string[] Titles =
    [
        "Chief Executive Officer", "Chief Financial Officer", "Chief Technology Officer", "Head of Sales", "Sales Director",
        "Head of IT", "IT Manager", "Procurement Manager", "Operations Manager", "Head of Customer Service", "Marketing Manager",
        "Office Manager", "Project Manager", "Finance Controller", "Logistics Coordinator", "Key Account Manager",
        "Head of Digital Transformation", "Purchasing Agent",
    ];

    private static readonly string[] LegalForms =
    [
        " Sp. z o.o.", " S.p.A.", " S.r.l.", " S.L.", " S.A.", " SA", " SAS", " SARL", " GmbH", " AG", " KG", " Ltd", " LLC",
        " Inc.", " Corp.", " B.V.", " AB", " NV",
    ];

    public static DemoCountry Country(string code) => Countries.First(c => c.Code == code);

    /// <summary>The name people use: without the legal form ("Nordlicht Logistik GmbH" → "Nordlicht Logistik").</summary>
    public static string ShortName(string company)
    {
        foreach (var form in LegalForms)
            if (company.EndsWith(form, StringComparison.Ordinal)) return company[..^form.Length];
        return company;
    }
}
