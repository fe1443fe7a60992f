import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstanceDirectory, INSTANCE_CACHE_MS } from './directory.js';
import { startHarness, type Harness } from '../test/fixtures.js';

describe('InstanceDirectory', () => {
  let harness: Harness;
  let now = 1_000_000;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('finds an instance by exact id and reuses it until the cache expires', async () => {
    const created = await harness.client.createInstance({ name: 'directory one' });
    await harness.client.createInstance({ name: 'directory two' });
    const directory = new InstanceDirectory(harness.client, () => now);

    const found = await directory.find(created.id);
    expect(found).toMatchObject({ id: created.id, name: 'directory one', token: created.token });
    const lists = harness.sandbox.count('list');

    await directory.find(created.id);
    expect(harness.sandbox.count('list')).toBe(lists);

    now += INSTANCE_CACHE_MS + 1;
    await directory.find(created.id);
    expect(harness.sandbox.count('list')).toBe(lists + 1);
  });

  it('answers undefined for an id the partner does not have, and forgets on request', async () => {
    const created = await harness.client.createInstance({ name: 'directory three' });
    const directory = new InstanceDirectory(harness.client, () => now);
    expect(await directory.find('0'.repeat(32))).toBeUndefined();

    await directory.find(created.id);
    directory.forget(created.id);
    const lists = harness.sandbox.count('list');
    await directory.find(created.id);
    expect(harness.sandbox.count('list')).toBe(lists + 1);
  });

  it('shares one list call between concurrent finds of one id, and between their callers', async () => {
    const created = await harness.client.createInstance({ name: 'directory shared' });
    const directory = new InstanceDirectory(harness.client, () => now);
    const lists = harness.sandbox.count('list');
    const [first, second] = await Promise.all([
      directory.find(created.id),
      directory.find(created.id),
    ]);
    expect(first?.token).toBe(created.token);
    expect(second).toBe(first);
    expect(harness.sandbox.count('list')).toBe(lists + 1);
  });

  it('answers a find under way even when the id is forgotten meanwhile, then asks again', async () => {
    const created = await harness.client.createInstance({ name: 'directory forgotten' });
    const directory = new InstanceDirectory(harness.client, () => now);
    const finding = directory.find(created.id);
    directory.forget(created.id);
    expect((await finding)?.id).toBe(created.id);
    const lists = harness.sandbox.count('list');
    await directory.find(created.id);
    expect(harness.sandbox.count('list')).toBe(lists + 1);
  });
});
