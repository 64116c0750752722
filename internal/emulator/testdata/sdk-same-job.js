// The provider's create, done with Adobe's official JS SDK (@adobe/acc-js-sdk):
// logon, look the Adobe Experience Cloud account type up in the nms:extAccount
// schema, encrypt the client secret, write the account, read it back, logoff.
// Usage: node sdk-same-job.js URL LOGIN PASSWORD  (NODE_EXTRA_CA_CERTS = the emulator CA)
const sdk = require('@adobe/acc-js-sdk');

(async () => {
  const [url, login, password] = process.argv.slice(2);
  const client = await sdk.init(sdk.ConnectionParameters.ofUserAndPassword(url, login, password));
  await client.logon();
  const NLWS = client.NLWS;

  const schema = await client.getSchema('nms:extAccount', 'xml');
  let type;
  for (const e of Array.from(schema.getElementsByTagName('enumeration'))) {
    if (e.getAttribute('name') !== 'type') continue;
    for (const v of Array.from(e.getElementsByTagName('value'))) {
      if (v.getAttribute('label') === 'Adobe Experience Cloud') type = v.getAttribute('value');
    }
  }
  if (!type) throw new Error('no Adobe Experience Cloud type in the nms:extAccount schema');

  const encrypted = await NLWS.xtkSession.encryptPassword('sdk-client-secret');
  await NLWS.xtkSession.write({
    xtkschema: 'nms:extAccount', _operation: 'insertOrUpdate', _key: '@name',
    name: 'sdk_same_job', label: 'Adobe Experience Cloud', type, active: '1',
    clientId: 'Campaign1', clientSecret: encrypted, callbackServer: 'https://acme.example.com',
    imsOrgId: '0123456789ABCDEF01234567@AdobeOrg', imsRightsMask: 'Campaign - acme - (.*)',
  });
  const query = NLWS.xtkQueryDef.create({
    schema: 'nms:extAccount', operation: 'getIfExists',
    select: { node: [{ expr: '@id' }, { expr: '@name' }, { expr: '@type' }, { expr: '@clientSecret' }] },
    where: { condition: [{ expr: "@name='sdk_same_job'" }] },
  });
  const result = await query.executeQuery();
  await client.logoff();
  console.log(JSON.stringify(result));
})().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
