// Drives Rapport's SOAP API with the Node `soap` package: create, retrieve, update, query, a stale
// update (fault) and delete of one contact. Prints one JSON line per step for the test to check.
// Usage: node node-client.js WSDL_URL CLIENT_ID CLIENT_SECRET soap11|soap12 EXTERNAL_ID
const soap = require('soap');

const [wsdl, clientId, secret, version, externalId] = process.argv.slice(2);
const print = (step, value) => console.log(JSON.stringify({ step, value }));

async function main() {
  const options = version === 'soap12' ? { forceSoap12Headers: true } : {};
  const client = await soap.createClientAsync(wsdl, options);
  client.setSecurity(new soap.WSSecurity(clientId, secret, { passwordType: 'PasswordText', hasTimeStamp: false }));

  const [created] = await client.CreateContactAsync({
    contact: {
      firstName: 'Grace', lastName: 'Hopper', title: 'Rear Admiral',
      emails: { email: [{ address: 'grace@example.com', type: 'work', primary: true }] },
      externalIds: { externalId: [{ system: 'erp', id: externalId }] },
    },
  });
  print('create', created.contact);
  const id = created.contact.id;

  const [retrieved] = await client.RetrieveContactAsync({ id });
  print('retrieve', retrieved.contact);

  const [updated] = await client.UpdateContactAsync({ id, version: retrieved.contact.version, contact: { title: 'Commodore' } });
  print('update', updated.contact);

  const [page] = await client.QueryContactsAsync({ where: [{ field: 'lastName', operator: 'eq', value: 'Hopper' }], limit: 10 });
  print('query', page);

  try {
    await client.UpdateContactAsync({ id, version: 1, contact: { title: 'Stale' } });
    print('stale', null);
  } catch (e) {
    const fault = e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault;
    const detail = fault && (fault.detail || fault.Detail);
    print('stale', { status: e.response && e.response.status, problemStatus: detail && detail.problem && detail.problem.status });
  }

  const [deleted] = await client.DeleteContactAsync({ id });
  print('delete', deleted);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  if (e && e.body) console.error(e.body);
  process.exit(1);
});
