#!/usr/bin/env python3
"""Deterministic contacts with duplicates of realistic kinds, for bench/dedupe/run.sh.

Writes to OUT_DIR:
  contacts.csv  N rows: (1 - dup_rate) * N distinct people, then dup_rate * N duplicates of them
                (shuffled), columns firstName,lastName,email,phone,address.street,address.city,
                address.postalCode,address.country,birthDate,externalIds.bench
  truth.csv     externalIds.bench -> person number (the answer key; never imported)
  check.json    1,000 incoming records for duplicates/check: 500 new variants of stored people
                (with the person they belong to) and 500 people who are not stored
Duplicate kinds: typos (insert, delete, substitute, transpose), a nickname or an initial, first and
last name swapped, email missing or at another provider, phone written nationally, birth date with
day and month swapped or missing, moved to another address, several changes at once.
"""
import argparse
import csv
import json
import os
import random

FIRST = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph
Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley
Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy
Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela
Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel
Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry
Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia Douglas Victoria Zachary Kelly Peter
Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian Andrea Keith Cheryl Roger Hannah Terry
Jacqueline Gerald Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn
Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise Albert Amber Willie
Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy Diana Vincent Natalie Ralph Brittany
Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip Lori""".split()
LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen
King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez
Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz
Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray
Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell
Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton
Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford
Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman
Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer
Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens
Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley
Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman
Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval""".split()
NICK = {"William": "Bill", "Robert": "Bob", "Richard": "Dick", "James": "Jim", "Michael": "Mike", "Elizabeth": "Liz",
        "Katherine": "Kate", "Margaret": "Peggy", "Jennifer": "Jenny", "Christopher": "Chris", "Thomas": "Tom",
        "Joseph": "Joe", "Daniel": "Dan", "Matthew": "Matt", "Anthony": "Tony", "Steven": "Steve", "Patricia": "Pat",
        "Rebecca": "Becky", "Samuel": "Sam", "Alexander": "Alex", "Benjamin": "Ben", "Nicholas": "Nick", "Andrew": "Andy"}
STREETS = """Main Oak Pine Maple Cedar Elm Washington Lake Hill Park Walnut Spring North Ridge Church Willow Mill Sunset
Jackson Cherry Highland Lincoln Forest Madison River Meadow Franklin Chestnut Valley Spruce""".split()
SUFFIX = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Boulevard"]
CITIES = [("Springfield", "62701"), ("Riverside", "92501"), ("Franklin", "37064"), ("Greenville", "29601"), ("Bristol", "06010"),
          ("Clinton", "52732"), ("Fairview", "97024"), ("Salem", "97301"), ("Madison", "53703"), ("Georgetown", "78626"),
          ("Arlington", "22201"), ("Ashland", "97520"), ("Dover", "19901"), ("Oxford", "38655"), ("Jackson", "39201"),
          ("Burlington", "05401"), ("Manchester", "03101"), ("Milton", "02186"), ("Newport", "02840"), ("Auburn", "36830")]
DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "fastmail.com", "aol.com", "gmx.net"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def person(rng, n):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, zip5 = rng.choice(CITIES)
    zip_code = f"{int(zip5) + rng.randrange(0, 60):05d}"
    return {
        "firstName": first, "lastName": last,
        "email": f"{first.lower()}.{last.lower()}{rng.randrange(1, 9999)}@{rng.choice(DOMAINS)}" if rng.random() < 0.9 else "",
        "phone": f"+1{rng.randrange(201, 990)}555{rng.randrange(0, 10000):04d}" if rng.random() < 0.8 else "",
        "address.street": f"{rng.randrange(1, 9999)} {rng.choice(STREETS)} {rng.choice(SUFFIX)}",
        "address.city": city, "address.postalCode": zip_code, "address.country": "US",
        "birthDate": f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" if rng.random() < 0.7 else "",
        "_person": n,
    }


def typo(rng, s):
    if len(s) < 3:
        return s
    i = rng.randrange(1, len(s) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return s[:i] + s[i + 1:]
    if kind == 1:
        return s[:i] + rng.choice(LETTERS) + s[i:]
    if kind == 2:
        return s[:i] + rng.choice(LETTERS) + s[i + 1:]
    return s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]


def variant(rng, p):
    d = dict(p)
    for change in rng.sample(range(9), rng.choice([1, 1, 2, 2, 3])):
        if change == 0:
            field = rng.choice(["firstName", "lastName"])
            d[field] = typo(rng, d[field])
        elif change == 1:
            d["firstName"] = NICK.get(d["firstName"], d["firstName"][0] + ".") if rng.random() < 0.6 else d["firstName"][0]
        elif change == 2:
            d["firstName"], d["lastName"] = d["lastName"], d["firstName"]
        elif change == 3:
            d["email"] = "" if rng.random() < 0.5 else (
                f"{d['firstName'].lower()}{rng.randrange(10, 99)}@{rng.choice(DOMAINS)}")
        elif change == 4 and d["phone"]:
            digits = d["phone"][2:]
            d["phone"] = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
        elif change == 5 and d["birthDate"]:
            y, m, day = d["birthDate"].split("-")
            d["birthDate"] = f"{y}-{day}-{m}" if int(day) <= 12 else ""
        elif change == 6:
            city, zip5 = rng.choice(CITIES)
            d["address.street"] = f"{rng.randrange(1, 9999)} {rng.choice(STREETS)} {rng.choice(SUFFIX)}"
            d["address.city"], d["address.postalCode"] = city, zip5
        elif change == 7:
            d["address.street"] = typo(rng, d["address.street"])
        elif change == 8 and d["phone"]:
            d["phone"] = ""
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--dup-rate", type=float, default=0.10)
    ap.add_argument("--seed", type=int, default=20261122)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    originals = int(a.rows * (1 - a.dup_rate))
    people = [person(rng, n) for n in range(originals)]
    rows = list(people) + [variant(rng, people[rng.randrange(originals)]) for _ in range(a.rows - originals)]
    rng.shuffle(rows)
    columns = ["firstName", "lastName", "email", "phone", "address.street", "address.city", "address.postalCode",
               "address.country", "birthDate", "externalIds.bench"]
    with open(os.path.join(a.out, "contacts.csv"), "w", newline="", encoding="utf-8") as f, \
            open(os.path.join(a.out, "truth.csv"), "w", newline="", encoding="utf-8") as t:
        w, tw = csv.writer(f), csv.writer(t)
        w.writerow(columns)
        tw.writerow(["bench", "person"])
        for i, r in enumerate(rows):
            r["externalIds.bench"] = f"b{i}"
            w.writerow([r[c] for c in columns])
            tw.writerow([f"b{i}", r["_person"]])
    check = []
    for _ in range(500):
        p = people[rng.randrange(originals)]
        v = variant(rng, p)
        check.append({"person": p["_person"], "record": api(v)})
    for n in range(500):
        check.append({"person": None, "record": api(person(rng, -1 - n))})
    with open(os.path.join(a.out, "check.json"), "w", encoding="utf-8") as f:
        json.dump(check, f)


def api(r):
    body = {"firstName": r["firstName"] or None, "lastName": r["lastName"] or None,
            "address": {"street": r["address.street"], "city": r["address.city"], "postalCode": r["address.postalCode"], "country": "US"}}
    if r["email"]:
        body["emails"] = [{"address": r["email"]}]
    if r["phone"]:
        body["phones"] = [{"number": r["phone"]}]
    if r["birthDate"]:
        body["birthDate"] = r["birthDate"]
    return body


if __name__ == "__main__":
    main()
