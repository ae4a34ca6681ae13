#!/usr/bin/env python3
"""Seeds a running Rapport server through POST /api/v1/batch (atomic batches of up to 1000).

Creates ACCOUNTS accounts, then CONTACTS contacts spread round-robin over them (so ~CONTACTS/ACCOUNTS
contacts share each account), and writes:
  OUT/account_ids.txt   one account id per line
  OUT/contact_ids.txt   one contact id per line
  OUT/seed.json         counts, timings, rows/s
Every batch response must say "committed": true with only 201 results; anything else stops the run.

Usage: seed.py --url http://127.0.0.1:PORT --token TOKEN --out DIR [--accounts 1000] [--contacts 100000]
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse

BATCH = 1000


class Api:
    def __init__(self, url, token):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        assert self.host == "127.0.0.1", "the benchmark only ever talks to 127.0.0.1"
        self.token = token
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # keep-alive connection closed by the server between calls: reconnect once
                if attempt == 2:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)


def run_batch(api, ops, what):
    status, raw = api.call("POST", "/api/v1/batch", {"atomic": True, "operations": ops})
    if status != 200:
        sys.exit(f"seed: batch of {what} answered HTTP {status}: {raw[:500]!r}")
    doc = json.loads(raw)
    bad = [r for r in doc.get("results", []) if r.get("status") != 201]
    if doc.get("committed") is not True or bad or len(doc.get("results", [])) != len(ops):
        sys.exit(f"seed: batch of {what} not committed; first failure: {json.dumps(bad[:1])[:800]}")
    return [r["body"]["id"] for r in doc["results"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--contacts", type=int, default=100_000)
    a = ap.parse_args()
    api = Api(a.url, a.token)

    # Accounts
    t0 = time.perf_counter()
    accounts = []
    for start in range(0, a.accounts, BATCH):
        ops = [{"method": "POST", "path": "/api/v1/accounts",
                "body": {"name": f"Bench Account {i}", "domain": f"account{i}.bench.example.com"}}
               for i in range(start, min(start + BATCH, a.accounts))]
        accounts += run_batch(api, ops, f"accounts {start}..")
    t_accounts = time.perf_counter() - t0

    # Contacts: contact n belongs to account n % len(accounts)
    t1 = time.perf_counter()
    contacts = []
    batch_times = []
    for start in range(0, a.contacts, BATCH):
        ops = []
        for n in range(start, min(start + BATCH, a.contacts)):
            first, last = f"First{n}", f"Last{n % 5000}"
            ops.append({"method": "POST", "path": "/api/v1/contacts", "body": {
                "firstName": first, "lastName": last, "title": "Engineer",
                "emails": [{"address": f"{first.lower()}.{last.lower()}.{n}@example.com"}],
                "phones": [{"number": f"+4930123{n}"}],
                "accountId": accounts[n % len(accounts)],
                "address": {"city": "Berlin", "country": "DE"},
            }})
        b0 = time.perf_counter()
        contacts += run_batch(api, ops, f"contacts {start}..")
        batch_times.append(time.perf_counter() - b0)
        if (start // BATCH) % 10 == 9:
            done = len(contacts)
            print(f"  seeded {done} contacts, {done / (time.perf_counter() - t1):.0f} rows/s", flush=True)
    t_contacts = time.perf_counter() - t1

    # A full page must come back for an account (the list benchmark relies on it).
    status, raw = api.call("GET", f"/api/v1/contacts?accountId={accounts[0]}&limit=50")
    page = json.loads(raw) if status == 200 else {}
    per_account = a.contacts // max(1, len(accounts))
    if status != 200 or len(page.get("data", [])) != min(50, per_account) or (per_account > 50 and not page.get("nextCursor")):
        sys.exit(f"seed: the account list check failed: HTTP {status}, {len(page.get('data', []))} rows")

    with open(f"{a.out}/account_ids.txt", "w") as f:
        f.write("\n".join(accounts) + "\n")
    with open(f"{a.out}/contact_ids.txt", "w") as f:
        f.write("\n".join(contacts) + "\n")
    batch_times.sort()
    result = {
        "accounts": len(accounts), "accounts_seconds": round(t_accounts, 2),
        "contacts": len(contacts), "contacts_seconds": round(t_contacts, 2),
        "contacts_rows_per_s": round(len(contacts) / t_contacts, 1),
        "batch_seconds_median": round(batch_times[len(batch_times) // 2], 3),
        "batch_seconds_max": round(batch_times[-1], 3),
        "batch_size": BATCH,
    }
    with open(f"{a.out}/seed.json", "w") as f:
        json.dump(result, f, indent=2)
    print(f"  seeded {len(accounts)} accounts in {t_accounts:.1f}s, {len(contacts)} contacts in {t_contacts:.1f}s "
          f"= {result['contacts_rows_per_s']:.0f} rows/s (median batch {result['batch_seconds_median']}s)")


if __name__ == "__main__":
    main()
