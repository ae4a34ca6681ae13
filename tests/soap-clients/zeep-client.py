"""Drives Rapport's SOAP API with zeep (python3-zeep from Debian): create, retrieve, update, query, a stale
update (fault) and delete of one contact, authenticated by a WS-Security UsernameToken. Prints one JSON
line per step for the test to check.

Usage: python3 zeep-client.py WSDL_URL CLIENT_ID CLIENT_SECRET soap11|soap12 EXTERNAL_ID
"""
import json
import sys

from lxml import etree
from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.wsse.username import UsernameToken


def show(step, value):
    print(json.dumps({"step": step, "value": serialize_object(value, dict)}, default=str), flush=True)


def main():
    wsdl, client_id, secret, version, external_id = sys.argv[1:6]
    soap12 = version == "soap12"
    client = Client(wsdl, wsse=UsernameToken(client_id, secret))
    service = client.bind("RapportService", "RapportSoap12" if soap12 else "RapportSoap11")

    created = service.CreateContact(contact={
        "firstName": "Ada", "lastName": "Lovelace", "title": "Analyst",
        "emails": {"email": [{"address": "ada@example.com", "type": "work", "primary": True}]},
        "externalIds": {"externalId": [{"system": "erp", "id": external_id}]},
    })
    show("create", created)

    retrieved = service.RetrieveContact(id=created.id)
    show("retrieve", retrieved)

    updated = service.UpdateContact(id=created.id, version=retrieved.version, contact={"title": "Countess"})
    show("update", updated)

    page = service.QueryContacts(where=[{"field": "lastName", "operator": "eq", "value": "Lovelace"}], limit=10)
    show("query", page)

    try:
        service.UpdateContact(id=created.id, version=1, contact={"title": "Stale"})
        show("stale", None)
    except Fault as fault:
        detail = fault.detail.find("{urn:rapport:soap:v1}problem") if fault.detail is not None else None
        show("stale", {"code": fault.code, "message": fault.message,
                       "status": detail.findtext("{urn:rapport:soap:v1}status") if detail is not None else None})

    deleted = service.DeleteContact(id=created.id)
    show("delete", deleted)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # the test prints this when the client fails
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        if hasattr(error, "detail") and error.detail is not None:
            print(etree.tostring(error.detail).decode(), file=sys.stderr)
        sys.exit(1)
