import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { subscribeSse } from '../sse.js';
import { startGatewayProcess as start } from './gateway-process.js';

const SECRET = 'CANARY-e2e-webhook-secret-0123456789abcdef';

/** A port free right now, for a PUBLIC_URL known before the process starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

describe('live connection events in the gateway process', () => {
  it('hears a callback at its receiver, and ends open subscriptions on SIGTERM, exiting promptly', async () => {
    const port = await freePort();
    const gateway = start({
      PORT: String(port),
      ZAPI_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
      GRAPHQL_QR_ROTATION_MS: '500',
    });
    const url = await gateway.listening;
    const created = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { createInstance(input: {name: "live"}) { instance { id } } }',
      }),
    });
    const body = (await created.json()) as {
      data: { createInstance: { instance: { id: string } } };
    };
    const id = body.data.createInstance.instance.id;
    const query = `subscription ($id: ID!) { instanceConnection(id: $id) { state phone } }`;

    // A callback to the receiver reaches the subscriber.
    const first = await subscribeSse(url, query, { id }, null);
    expect((await first.next()).data).toEqual({
      instanceConnection: { state: 'WAITING_FOR_SCAN', phone: null },
    });
    const callback = await fetch(`${url}/webhooks/zapi/${SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'ConnectedCallback',
        instanceId: id,
        phone: '5511911112222',
        momment: Date.now(),
      }),
    });
    expect(callback.status).toBe(200);
    expect((await first.next(1_000)).data).toEqual({
      instanceConnection: { state: 'CONNECTED', phone: '5511911112222' },
    });
    await first.ended;

    // A subscription still waiting ends when the drain begins; the process exits well within
    // its bound (DRAIN_MS, 10 s).
    const other = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { createInstance(input: {name: "waiting"}) { instance { id } } }',
      }),
    });
    const waitingId = ((await other.json()) as typeof body).data.createInstance.instance.id;
    const waiting = await subscribeSse(url, query, { id: waitingId }, null);
    await waiting.next();
    const stopping = Date.now();
    gateway.child.kill('SIGTERM');
    await waiting.ended;
    const [code] = (await once(gateway.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(3_000);
    expect(gateway.output()).not.toContain(SECRET);
  });
});
