// Drives the emulator with Adobe's official JS SDK (@adobe/acc-js-sdk):
// logon, write an external account, query it back, logoff.
// Usage: node sdk-client.js URL LOGIN PASSWORD  (NODE_EXTRA_CA_CERTS = the emulator CA)
const sdk = require('@adobe/acc-js-sdk');

(async () => {
  const [url, login, password] = process.argv.slice(2);
  const params = sdk.ConnectionParameters.ofUserAndPassword(url, login, password);
  const client = await sdk.init(params);
  await client.logon();
  const NLWS = client.NLWS;
  await NLWS.xtkSession.write({
    xtkschema: 'nms:extAccount', _operation: 'insertOrUpdate', _key: '@name',
    name: 'sdk_account', label: "Written by the SDK <&'>", active: '1',
  });
  const query = NLWS.xtkQueryDef.create({
    schema: 'nms:extAccount', operation: 'select',
    select: { node: [{ expr: '@id' }, { expr: '@name' }, { expr: '@label' }] },
    where: { condition: [{ expr: "@name='sdk_account'" }] },
  });
  const result = await query.executeQuery();
  await client.logoff();
  console.log(JSON.stringify(result));
})().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
