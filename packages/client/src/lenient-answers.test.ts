// The client against answers in every date form Z-API may use, with fields missing, unreadable or
// unknown: only what a call needs may fail it.
import { SANDBOX_DATE_FORMATS, TRIAL_MS } from '@zapikit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDirectory } from './directory.js';
import { rejectionOf, startHarness, type Harness } from '../test/fixtures.js';

// Whole seconds, so the seconds form carries the sandbox's clock exactly.
const CLOCK = Date.UTC(2026, 10, 25, 12, 30, 15);
const DROPPED_LINE = /could not be read/;

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe.each(SANDBOX_DATE_FORMATS)('against a sandbox writing dates as %s', (dateFormat) => {
  const expected = (millis: number) => (dateFormat === 'empty' ? null : new Date(millis));

  it('creates, lists, finds, subscribes and cancels through list lookups, and reads status', async () => {
    h = await startHarness({}, { dateFormat, now: () => CLOCK });
    const created = await h.client.createInstance({ name: 'Loja datada' });
    expect(created.due).toEqual(expected(CLOCK + TRIAL_MS));
    await h.client.createInstance({ name: 'Outra loja' });

    const page = await h.client.listInstances({ pageSize: 1 });
    expect(page).toMatchObject({ total: 2, totalPages: 2, page: 1, pageSize: 1 });
    expect(page.items[0]).toMatchObject({
      id: created.id,
      created: expected(CLOCK),
      due: expected(CLOCK + TRIAL_MS),
    });

    const [found] = await h.client.findInstancesByName('Loja datada');
    expect(found).toMatchObject({ id: created.id, token: created.token });

    const directory = new InstanceDirectory(h.client);
    const listed = await directory.find(created.id);
    expect(listed?.token).toBe(created.token);
    await h.client.subscribeInstance(listed!);
    directory.forget(created.id);
    expect((await directory.find(created.id))?.paymentStatus).toBe('PAID');
    directory.forget(created.id);
    await h.client.cancelInstance((await directory.find(created.id))!);
    expect(h.sandbox.instances.all()[0]?.paymentStatus).toBe('CANCELED');

    expect(await h.client.getInstanceStatus(created)).toMatchObject({ connected: false });
    // Every form the sandbox writes is readable: nothing was dropped.
    expect(h.logs.filter((line) => DROPPED_LINE.test(line))).toEqual([]);
  });
});

const TOKEN = 'F00DCAFE0123456789ABCDEF';
const item = (fields: Record<string, unknown> = {}) => ({
  id: '3C7A1B00000000000000000000000000',
  name: 'Loja',
  token: TOKEN,
  ...fields,
});

describe('answers with unreadable or missing fields', () => {
  it('logs one debug line per dropped field, naming the field and its kind, never its value', async () => {
    h = await startHarness();
    h.sandbox.faults.inject({
      route: 'list',
      fault: {
        kind: 'status',
        status: 200,
        body: {
          total: 'many',
          content: [
            item({ created: { secret: TOKEN }, due: `due-${TOKEN}`, phoneConnected: 'ja' }),
          ],
        },
      },
    });
    const page = await h.client.listInstances({ pageSize: 1 });
    expect(page.items[0]).toMatchObject({ created: null, due: null, phoneConnected: null });

    const dropped = h.logs
      .filter((line) => DROPPED_LINE.test(line))
      .map((line) => JSON.parse(line) as unknown);
    expect(dropped).toEqual([
      expect.objectContaining({
        level: 'debug',
        operation: 'listInstances',
        field: 'total',
        kind: 'string',
      }),
      expect.objectContaining({ field: 'content.0.created', kind: 'object' }),
      expect.objectContaining({ field: 'content.0.due', kind: 'string' }),
      expect.objectContaining({ field: 'content.0.phoneConnected', kind: 'string' }),
    ]);
    const text = h.logs.join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('many');
    expect(text).not.toContain('ja"');
  });

  it('lists (and so /ready answers) when every optional field is garbage and the counters are gone', async () => {
    h = await startHarness();
    const garbage = Object.fromEntries(
      [
        'tenant',
        'created',
        'due',
        'paymentStatus',
        'receivedCallbackUrl',
        'phoneConnected',
        'whatsappConnected',
        'middleware',
      ].map((key) => [key, [{ nested: key }]]),
    );
    h.sandbox.faults.inject({
      route: 'list',
      fault: { kind: 'status', status: 200, body: { content: [item({ ...garbage, extra: 1 })] } },
    });
    // A short page: the last one, so the counters can be derived exactly.
    const page = await h.client.raw.listInstances({ pageSize: 20 });
    expect(page).toMatchObject({ total: 1, totalPage: 1, page: 1, pageSize: 20 });
    expect(page.content[0]).toMatchObject({ id: item().id, token: TOKEN, created: null, extra: 1 });
  });

  it('still refuses, as ZAPI_BAD_RESPONSE naming the field, an answer without what the call needs', async () => {
    h = await startHarness();
    const { token: _token, ...withoutToken } = item();
    h.sandbox.faults.inject({
      route: 'list',
      times: 1,
      fault: { kind: 'status', status: 200, body: { content: [withoutToken] } },
    });
    const list = await rejectionOf(h.client.listInstances());
    expect(list).toMatchObject({ code: 'ZAPI_BAD_RESPONSE', operation: 'listInstances' });
    expect(list.message).toContain('content.0.token is required');

    const created = await h.client.createInstance({ name: 'status' });
    h.sandbox.faults.inject({
      route: 'status',
      times: 1,
      fault: { kind: 'status', status: 200, body: { error: null, smartphoneConnected: 'true' } },
    });
    const status = await rejectionOf(h.client.getInstanceStatus(created));
    expect(status).toMatchObject({ code: 'ZAPI_BAD_RESPONSE' });
    expect(status.message).toContain('connected is required');
    expect(status.message).not.toContain(created.token);
  });

  it('creates when the answer has no readable due, and reports due as null', async () => {
    h = await startHarness();
    h.sandbox.faults.inject({
      route: 'create',
      phase: 'after',
      times: 1,
      fault: { kind: 'status', status: 200, body: { id: item().id, token: TOKEN, due: 'soon' } },
    });
    const created = await h.client.createInstance({ name: 'sem data' });
    expect(created).toEqual({ id: item().id, token: TOKEN, due: null });
  });
});

describe('findInstancesByName without page counters', () => {
  // Ids and creation times (epoch seconds) grow with `from + index`.
  const named = (count: number, name: (index: number) => string, from = 0) =>
    Array.from({ length: count }, (_, index) =>
      item({
        id: `${from + index}`.padStart(32, 'A'),
        name: name(index),
        created: 1_700_000_000 + from + index,
      }),
    );

  it('pages on while pages come full and stops at the first short one', async () => {
    h = await startHarness();
    const pages = [
      named(100, (i) => (i % 40 === 0 ? 'Alvo' : 'Alvo 2')),
      named(5, (i) => (i === 4 ? 'Alvo' : 'Alvo 3'), 100),
    ];
    for (const content of pages) {
      h.sandbox.faults.inject({
        route: 'list',
        times: 1,
        fault: { kind: 'status', status: 200, body: { content } },
      });
    }
    const before = h.sandbox.count('list');
    const found = await h.client.findInstancesByName('Alvo');
    expect(h.sandbox.count('list') - before).toBe(2);
    // Newest first, by the created date read from epoch seconds.
    expect(found.map((i) => i.id)).toEqual([
      `104`.padStart(32, 'A'),
      `80`.padStart(32, 'A'),
      `40`.padStart(32, 'A'),
      `0`.padStart(32, 'A'),
    ]);
  });

  it('stays bounded when every page comes full', async () => {
    h = await startHarness();
    h.sandbox.faults.inject({
      route: 'list',
      fault: { kind: 'status', status: 200, body: { content: named(100, () => 'Alvo') } },
    });
    const before = h.sandbox.count('list');
    await h.client.findInstancesByName('Alvo');
    expect(h.sandbox.count('list') - before).toBe(10);
  });
});
