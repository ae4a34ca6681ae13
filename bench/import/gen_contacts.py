#!/usr/bin/env python3
"""Deterministic import benchmark data (issue: bulk data exchange, performance).

Writes, into OUT_DIR:
  accounts.csv   ACCOUNTS accounts: erp id, name, domain, country
  contacts.csv   ROWS contacts, 15 columns: a legacy id, names, email, phone, title, the account's ERP
                 id (a relation), address, lifecycle stage, a birth date in dd.MM.yyyy, two custom
                 fields (tier, score) -- and 1 % bad rows (bad email, unknown account, impossible date,
                 unknown country, bad score), spread evenly, with the reason known per line
  bad_lines.txt  the line numbers of the bad rows (header = line 1), for checking the error report
  mapping.yaml   the mapping the import uses (renamed columns, transforms, date format, value map)

Usage: gen_contacts.py OUT_DIR [--rows N] [--accounts N] [--seed S]
"""
import argparse
import csv
import os
import random

FIRST = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karin", "Lukas",
         "Maria", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Samuel", "Tara", "Ulrich", "Vera", "Willem", "Xenia",
         "Yusuf", "Zoe", "Chloé", "Søren", "Łukasz", "José"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Smith", "Johnson", "Brown", "Garcia", "Martin", "Dubois", "Rossi", "Jansen", "van der Berg", "O'Neil",
        "McDonald", "Nowak", "Kowalski", "Silva", "Andersson", "Nielsen", "Novák", "Horváth", "Popescu", "Ivanova"]
TITLES = ["CEO", "CTO", "Head of Sales", "Buyer", "Procurement Manager", "Engineer", "Office Manager", "CFO", "", ""]
CITIES = [("Berlin", "DE", "10115"), ("Hamburg", "DE", "20095"), ("München", "DE", "80331"), ("Wien", "AT", "1010"),
          ("Zürich", "CH", "8001"), ("Paris", "FR", "75001"), ("Lyon", "FR", "69001"), ("Amsterdam", "NL", "1011"),
          ("London", "GB", "EC1A 1BB"), ("Madrid", "ES", "28001"), ("Milano", "IT", "20121"), ("Warszawa", "PL", "00-001")]
STAGES = ["Lead", "MQL", "SQL", "Customer", "Opportunity", "Subscriber"]
TIERS = ["gold", "silver", "bronze"]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Rue de la Paix", "High Street", "Kerkstraat", "Via Roma", "Gran Vía"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20261122)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(a.seed)

    with open(os.path.join(a.out, "accounts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["externalIds.erp", "name", "domain", "billingAddress.country"])
        for i in range(a.accounts):
            w.writerow([f"ACC-{i:06d}", f"Company {i:06d} GmbH", f"company{i:06d}.example", CITIES[i % len(CITIES)][1]])

    bad = []
    with open(os.path.join(a.out, "contacts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["Legacy ID", "First Name", "Last Name", "E-Mail", "Phone", "Position", "Account", "Street",
                    "City", "Zip", "Country", "Stage", "Born", "Tier", "Score"])
        for i in range(a.rows):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            city, country, zipcode = rnd.choice(CITIES)
            row = [f"L{i:07d}", first, last, f"contact{i:07d}@company{i % a.accounts:06d}.example",
                   f"+49 30 {1000000 + i}", rnd.choice(TITLES), f"ACC-{rnd.randrange(a.accounts):06d}",
                   f"{rnd.choice(STREETS)} {rnd.randint(1, 200)}", city, zipcode, country, rnd.choice(STAGES),
                   f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(1950, 2004)}",
                   rnd.choice(TIERS), str(rnd.randint(0, 100))]
            if i % 100 == 57:  # 1 % bad rows, each with one known fault
                kind = (i // 100) % 5
                if kind == 0: row[3] = f"contact{i:07d}.at.nowhere"
                elif kind == 1: row[6] = "ACC-UNKNOWN"
                elif kind == 2: row[12] = "31.02.1980"
                elif kind == 3: row[10] = "Atlantis"
                else: row[14] = "a lot"
                bad.append(i + 2)
            w.writerow(row)
    with open(os.path.join(a.out, "bad_lines.txt"), "w") as f:
        f.write("\n".join(map(str, bad)) + "\n")
    with open(os.path.join(a.out, "mapping.yaml"), "w") as f:
        f.write(MAPPING)


MAPPING = """# Mapping of bench/import/contacts.csv to Rapport contacts (see docs/import-mapping.md)
object: contacts
fields:
  externalIds.legacy: { column: "Legacy ID" }
  firstName: { column: "First Name", transform: [trim] }
  lastName: { column: "Last Name", transform: [trim] }
  email: { column: "E-Mail", transform: [trim, lower] }
  phone: { column: Phone }
  title: { column: Position, transform: [trim] }
  account.externalIds.erp: { column: Account }
  address.street: { column: Street }
  address.city: { column: City }
  address.postalCode: { column: Zip }
  address.country: { column: Country }
  lifecycleStage:
    column: Stage
    map: { Lead: lead, MQL: marketingQualifiedLead, SQL: salesQualifiedLead, Customer: customer, Opportunity: opportunity, Subscriber: subscriber }
  birthDate: { column: Born, date_format: "dd.MM.yyyy" }
  custom.tier: { column: Tier }
  custom.score: { column: Score }
"""

if __name__ == "__main__":
    main()
