// The operator's report behind the core issue: Z-API's list answers carry `created` in forms the
// toolkit did not expect, and every instance call, and /ready, failed with ZAPI_BAD_RESPONSE.
import { SANDBOX_DATE_FORMATS } from '@zapikit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { CREATE, startGateway, type Gateway } from '../test/harness.js';

let g: Gateway | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

describe.each(SANDBOX_DATE_FORMATS)('against a Z-API that writes dates as %s', (dateFormat) => {
  it('lists, subscribes, cancels and reports ready', async () => {
    g = await startGateway({ sandbox: { dateFormat } });
    const created = await g.gql(CREATE, { input: { name: `Dates ${dateFormat}` } });
    const id = (created.body.data?.createInstance as { instance: { id: string } }).instance.id;

    const list = await g.gql('{ instances { total items { id name created due } } }');
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data?.instances).toMatchObject({ total: 1, items: [{ id }] });

    for (const mutation of ['subscribeInstance', 'cancelInstance']) {
      const res = await g.gql(
        `mutation($id: ID!) { ${mutation}(id: $id) { instance { id paymentStatus } userErrors { code } } }`,
        { id },
      );
      expect(res.body.errors, mutation).toBeUndefined();
      expect(res.body.data?.[mutation]).toMatchObject({ instance: { id }, userErrors: [] });
    }
    expect((await g.raw('/ready', {})).status).toBe(200);
  });
});

describe('/ready', () => {
  it('answers 503 once the upstream stops answering', async () => {
    g = await startGateway();
    expect((await g.raw('/ready', {})).status).toBe(200);
    await g.sandbox.close();
    expect((await g.raw('/ready', {})).status).toBe(503);
  });
});
