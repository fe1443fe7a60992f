import { afterEach, expect, it } from 'vitest';
import { labelValuesOf } from '@zapikit/app-metrics';
import { createBotMetrics, serveMetrics } from './metrics.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

it('counts interactions by command and outcome, acknowledgement latency and creates, from closed sets only', async () => {
  const metrics = createBotMetrics({ processMetrics: false });
  metrics.record({ kind: 'command', name: 'zapi-create', outcome: 'ok', ackMs: 120 });
  metrics.record({
    kind: 'command',
    name: 'zapi-create',
    outcome: 'ZAPI_OUTCOME_UNKNOWN (posted in channel)',
    ackMs: 80,
  });
  metrics.record({ kind: 'button', name: 'subscribe', outcome: 'BOT_COOLDOWN', ackMs: 40 });
  // Whatever a stale registration or a member could put there never becomes a label.
  metrics.record({ kind: 'command', name: 'loja-secreta', outcome: 'Loja Secreta 123' });

  const text = await metrics.registry.metrics();
  expect(text).toContain(
    'zapikit_bot_interactions_total{kind="command",command="zapi-create",outcome="ok"} 1',
  );
  expect(text).toContain(
    'zapikit_bot_interactions_total{kind="command",command="zapi-create",outcome="ZAPI_OUTCOME_UNKNOWN"} 1',
  );
  expect(text).toContain(
    'zapikit_bot_interactions_total{kind="button",command="subscribe",outcome="BOT_COOLDOWN"} 1',
  );
  expect(text).toContain(
    'zapikit_bot_interactions_total{kind="command",command="unknown",outcome="Loja"} 1',
  );
  expect(text).toContain('zapikit_bot_creates_total{outcome="created"} 1');
  expect(text).toContain('zapikit_bot_creates_total{outcome="ZAPI_OUTCOME_UNKNOWN"} 1');
  expect(text).toContain('zapikit_bot_ack_duration_seconds_count{kind="command"} 2');
  expect(await labelValuesOf(metrics.registry)).not.toContain('loja-secreta');
});

it('counts the connection changes of the events channel by event and outcome', async () => {
  const metrics = createBotMetrics({ processMetrics: false });
  metrics.connectionEvent({ event: 'connected', outcome: 'posted' });
  metrics.connectionEvent({ event: 'disconnected', outcome: 'flap' });
  metrics.connectionEvent({ event: 'disconnected', outcome: 'flap' });
  const text = await metrics.registry.metrics();
  expect(text).toContain(
    'zapikit_bot_connection_events_total{event="connected",outcome="posted"} 1',
  );
  expect(text).toContain(
    'zapikit_bot_connection_events_total{event="disconnected",outcome="flap"} 2',
  );
});

it('serves GET /metrics alone, on loopback', async () => {
  const metrics = createBotMetrics({ processMetrics: false });
  const served = await serveMetrics(metrics, 0, '127.0.0.1');
  closers.push(
    () =>
      new Promise((resolve) =>
        served.server.close(() => {
          resolve();
        }),
      ),
  );
  expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  const ok = await fetch(served.url);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain('zapikit_bot_interactions_total');
  expect((await fetch(served.url.replace('/metrics', '/'))).status).toBe(404);
  expect((await fetch(served.url, { method: 'POST' })).status).toBe(405);
});
