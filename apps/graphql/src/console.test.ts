import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../test/harness.js';

// The console's static files, the viewer query and the sandbox pass-through, over real HTTP.
// A fixture build stands in for apps/console/dist so these tests do not need the real build.
const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console fixture</title>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("fixture")');

let g: Gateway;
let live: Gateway;
let open: Gateway;
beforeAll(async () => {
  [g, live, open] = await Promise.all([
    startGateway({ app: { console: { dir: dist } } }),
    // A live gateway: the pass-through is never installed, even were a sandbox given.
    startGateway({ app: { sandbox: false } }),
    startGateway({ apiKeys: '', app: { console: { dir: join(dist, 'missing') } } }),
  ]);
});
afterAll(() => Promise.all([g.close(), live.close(), open.close()]));

describe('the console at /console', () => {
  it('serves index.html for the app’s paths, with a strict CSP and no caching', async () => {
    for (const path of ['/console/', '/console/instances/abc']) {
      const res = await g.raw(path, {});
      expect(res.status).toBe(200);
      expect(res.text).toContain('console fixture');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const bare = await g.raw('/console', {});
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/console/');
  });

  it('serves hashed assets for good, nothing outside the build, and needs no key for files', async () => {
    const asset = await g.raw('/console/assets/index-abc123.js', {});
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await g.raw('/console/assets/nope.js', {})).status).toBe(404);
    expect((await g.raw('/console/%2e%2e/%2e%2e/package.json', {})).status).toBe(404);
    expect((await g.raw('/console/', { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('says how to build it when it is not built', async () => {
    const res = await open.raw('/console/', {});
    expect(res.status).toBe(503);
    expect(res.text).toContain('The console is not built');
    expect(res.text).toContain('pnpm build');
  });
});

describe('viewer', () => {
  const VIEWER = '{ viewer { scopes open sandbox } }';
  it('tells each key its scopes, and an open sandbox every scope', async () => {
    expect((await g.gql(VIEWER, {}, KEYS.full)).body.data).toEqual({
      viewer: { scopes: ['read', 'write', 'token'], open: false, sandbox: true },
    });
    expect((await g.gql(VIEWER, {}, KEYS.read)).body.data).toEqual({
      viewer: { scopes: ['read'], open: false, sandbox: true },
    });
    expect((await g.gql(VIEWER, {}, null)).status).toBe(401);
    expect((await open.gql(VIEWER, {}, null)).body.data).toEqual({
      viewer: { scopes: ['read', 'write', 'token', 'metrics'], open: true, sandbox: true },
    });
    expect((await live.gql(VIEWER, {}, KEYS.write)).body.data).toEqual({
      viewer: { scopes: ['read', 'write'], open: false, sandbox: false },
    });
  });
});

describe('/__sandbox/* pass-through', () => {
  const connect = (gateway: Gateway, id: string, headers: Record<string, string>) =>
    gateway.raw(`/__sandbox/instances/${id}/connect`, { method: 'POST', headers });

  it('drives the simulated phone with a write key, adding the partner token itself', async () => {
    const created = await g.gql(CREATE, { input: { name: 'telefone simulado' } });
    const id = (created.body.data?.createInstance as { instance: { id: string } }).instance.id;
    expect((await connect(g, id, {})).status).toBe(401);
    const read = await connect(g, id, { authorization: `Bearer ${KEYS.read}` });
    expect(read.status).toBe(403);
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await connect(g, id, { authorization: `Bearer ${KEYS.write}` });
    expect(ok.status).toBe(200);
    const status = await g.gql('query ($id: ID!) { instanceStatus(id: $id) { connected } }', {
      id,
    });
    expect(status.body.data).toEqual({ instanceStatus: { connected: true } });
  });

  it('needs the CSRF header on an open sandbox, as a POST to /graphql does', async () => {
    const created = await open.gql(CREATE, { input: { name: 'aberto' } }, null);
    const id = (created.body.data?.createInstance as { instance: { id: string } }).instance.id;
    expect((await connect(open, id, {})).status).toBe(403);
    expect((await connect(open, id, { 'x-graphql-yoga-csrf': '1' })).status).toBe(200);
  });

  it('does not exist on a live gateway (404)', async () => {
    const res = await connect(live, 'any', { authorization: `Bearer ${KEYS.write}` });
    expect(res.status).toBe(404);
  });
});
