// Verifies webhook signatures with the Standard Webhooks reference implementation, so Rapport's
// signer is checked by code it does not share. Reads one JSON object per line on stdin:
//   {"secret":"whsec_...","id":"msg_...","timestamp":1700000000,"body":"{...}","signature":"v1,... v1,..."}
// and writes one line per input, in order: "ok", or "failed: <reason>".
// verify() also checks that the timestamp is within 5 minutes of now, and JSON-parses the body once a
// signature matches, so bodies must be JSON (or empty).
"use strict";

const readline = require("node:readline");
const { Webhook } = require("standardwebhooks");

function verify(line) {
  const input = JSON.parse(line);
  const headers = {
    "webhook-id": String(input.id),
    "webhook-timestamp": String(input.timestamp),
    "webhook-signature": String(input.signature),
  };
  new Webhook(input.secret).verify(input.body, headers);
  return "ok";
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (line.trim() === "") return;
  let answer;
  try {
    answer = verify(line);
  } catch (error) {
    answer = `failed: ${error && error.name ? error.name : "Error"}: ${String(error && error.message).replace(/\s+/g, " ")}`;
  }
  process.stdout.write(answer + "\n");
});
