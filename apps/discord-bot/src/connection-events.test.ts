import { createZapiClient, type ZapiClient } from '@zapikit/client';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectionEvents,
  type ConnectionEvent,
  type ConnectionEventsOptions,
} from './connection-events.js';
import { MemoryGuardStore } from './state/memory-store.js';
import { Leadership } from './state/leadership.js';

// The watcher's rules, one poll at a time on a clock moved by hand, against the sandbox's list.
describe('ConnectionEvents', () => {
  let sandbox: Sandbox;
  let zapi: ZapiClient;
  let now = 1_000_000;
  let posted: ConnectionEvent[];
  let leads: boolean;
  const FLAP_MS = 60_000;

  function watcher(
    options: {
      flapMs?: number;
      post?: () => Promise<void>;
      onChange?: ConnectionEventsOptions['onChange'];
    } = {},
  ) {
    return new ConnectionEvents({
      ...(options.onChange ? { onChange: options.onChange } : {}),
      zapi,
      pollMs: 1_000,
      flapMs: options.flapMs ?? FLAP_MS,
      logger: pino({ level: 'silent' }),
      leads: () => Promise.resolve(leads),
      now: () => now,
      post:
        options.post ??
        ((event) => {
          posted.push(event);
          return Promise.resolve();
        }),
    });
  }
  const kinds = () => posted.map((event) => `${event.kind} ${event.instanceName}`);

  beforeEach(async () => {
    sandbox = await startSandbox();
    zapi = createZapiClient({
      partnerToken: sandbox.partnerToken,
      baseUrl: sandbox.url,
      retry: { maxRetries: 0 },
    });
    posted = [];
    leads = true;
  });
  afterEach(async () => {
    await zapi.close();
    await sandbox.close();
  });

  it('records at the first poll, then posts a connect with the phone and a lasting disconnect', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    sandbox.connectInstance(a.id, '5511911112222');
    const events = watcher();
    await events.poll();
    expect(posted).toEqual([]);

    sandbox.disconnectInstance(a.id);
    await events.poll();
    const seenAt = now;
    now += FLAP_MS - 1;
    await events.poll();
    expect(posted).toEqual([]);
    now += 1;
    await events.poll();
    expect(posted).toEqual([
      { kind: 'disconnected', instanceId: a.id, instanceName: 'a', at: new Date(seenAt) },
    ]);
    await events.poll();
    sandbox.connectInstance(a.id, '5511933334444');
    await events.poll();
    expect(posted[1]).toEqual({
      kind: 'connected',
      instanceId: a.id,
      instanceName: 'a',
      phone: '5511933334444',
      at: new Date(now),
    });
    expect(posted).toHaveLength(2);
  });

  it('posts neither half of a disconnect that recovers within the window', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    sandbox.connectInstance(a.id);
    const changes: unknown[] = [];
    const events = watcher({ onChange: (change) => changes.push(change) });
    await events.poll();
    sandbox.disconnectInstance(a.id);
    await events.poll();
    now += FLAP_MS - 1;
    sandbox.connectInstance(a.id);
    await events.poll();
    // A second drop starts its own window.
    sandbox.disconnectInstance(a.id);
    now += 10;
    await events.poll();
    now += FLAP_MS - 20;
    await events.poll();
    expect(posted).toEqual([]);
    expect(changes).toEqual([{ event: 'disconnected', outcome: 'flap' }]);
  });

  it('posts a disconnect at once with a window of 0', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    sandbox.connectInstance(a.id);
    const events = watcher({ flapMs: 0 });
    await events.poll();
    sandbox.disconnectInstance(a.id);
    await events.poll();
    expect(kinds()).toEqual(['disconnected a']);
  });

  it('posts the connect of an instance created since the last poll', async () => {
    const events = watcher();
    await events.poll();
    const b = sandbox.instances.create({ name: 'b' });
    sandbox.connectInstance(b.id);
    await events.poll();
    expect(kinds()).toEqual(['connected b']);
  });

  it('reads every page of a long list', async () => {
    const many = Array.from({ length: 130 }, (_, index) =>
      sandbox.instances.create({ name: `n${index}` }),
    );
    const events = watcher();
    await events.poll();
    for (const instance of [many[0], many[129]]) if (instance) sandbox.connectInstance(instance.id);
    await events.poll();
    expect(kinds().sort()).toEqual(['connected n0', 'connected n129']);
  });

  it('forgets what it saw while another process leads, so taking over posts no burst', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    const events = watcher();
    await events.poll();
    leads = false;
    await events.poll();
    sandbox.connectInstance(a.id);
    await events.poll();
    leads = true;
    await events.poll();
    expect(posted).toEqual([]);
  });

  it('does not post an event again after its post failed', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    let attempts = 0;
    const events = watcher({
      post: () => {
        attempts += 1;
        return Promise.reject(new Error('Discord is down'));
      },
    });
    await events.poll();
    sandbox.connectInstance(a.id);
    await events.poll();
    await events.poll();
    expect(attempts).toBe(1);
  });

  it('stops promptly, between polls or during one, and posts nothing after', async () => {
    const a = sandbox.instances.create({ name: 'a' });
    const events = watcher();
    await events.poll();
    sandbox.connectInstance(a.id);
    sandbox.faults.inject({ route: 'list', fault: { kind: 'latency', ms: 2_000 } });
    events.start();
    await expect.poll(() => sandbox.count('list')).toBe(2);
    const started = performance.now();
    await events.stop();
    expect(performance.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(posted).toEqual([]);
  });
});

describe('Leadership', () => {
  it('lets one holder lead until it resigns or its lease lapses', async () => {
    let clock = 0;
    const store = new MemoryGuardStore({ now: () => clock });
    const one = new Leadership(store, 'events-channel', 3_000);
    const two = new Leadership(store, 'events-channel', 3_000);
    expect(await one.lead()).toBe(true);
    expect(await two.lead()).toBe(false);
    clock += 2_000;
    // Renewing pushes the lease on: three seconds from now, not from the first claim.
    expect(await one.lead()).toBe(true);
    clock += 2_000;
    expect(await two.lead()).toBe(false);
    await one.resign();
    expect(await two.lead()).toBe(true);
    expect(await one.lead()).toBe(false);
    clock += 3_001;
    expect(await one.lead()).toBe(true);
  });
});
