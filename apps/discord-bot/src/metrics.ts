import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram } from 'prom-client';
import { createAppMetrics, type AppMetrics } from '@zapikit/app-metrics';
import { buttons, commands } from './commands/index.js';

// Label values come from closed sets: the bot's own commands and buttons, and codes.
const KNOWN_NAMES = new Set<string>([
  ...commands.map((command) => command.data.name),
  ...buttons.map((button) => button.action),
]);
const CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** What one handled interaction reports: as the interaction log line has it. */
export interface InteractionRecord {
  kind: string;
  name: string;
  /** `ok` or a code, possibly followed by where the reply went. */
  outcome: string;
  ackMs?: number;
}

/**
 * The bot's Prometheus metrics: interactions by kind, command and outcome; acknowledgement
 * latency (Discord drops an interaction unanswered in 3 s); creates by outcome; and the Z-API
 * calls the client reports. No token, instance name, id or member as a label value.
 */
export interface BotMetrics extends AppMetrics {
  record(interaction: InteractionRecord): void;
  /** One connection change the events channel saw: posted, failed to post, or a flap not posted. */
  connectionEvent(event: ConnectionEventRecord): void;
}

/** What the events channel's watcher reports about one change. */
export interface ConnectionEventRecord {
  event: 'connected' | 'disconnected';
  outcome: 'posted' | 'failed' | 'flap';
}

export function createBotMetrics(options: { processMetrics?: boolean } = {}): BotMetrics {
  const app = createAppMetrics({ prefix: 'zapikit_bot', ...options });
  const interactions = new Counter({
    name: 'zapikit_bot_interactions_total',
    help: 'Interactions by kind (command, button, autocomplete), command or button, and outcome (ok or a code).',
    labelNames: ['kind', 'command', 'outcome'] as const,
    registers: [app.registry],
  });
  const ack = new Histogram({
    name: 'zapikit_bot_ack_duration_seconds',
    help: 'From receiving an interaction to acknowledging it; Discord gives up at 3 s.',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [app.registry],
  });
  const connectionEvents = new Counter({
    name: 'zapikit_bot_connection_events_total',
    help: 'Connection changes seen by the events channel, by event and outcome (posted, failed to post, or a flap not posted).',
    labelNames: ['event', 'outcome'] as const,
    registers: [app.registry],
  });
  return {
    ...app,
    connectionEvent({ event, outcome }) {
      connectionEvents.inc({ event, outcome });
    },
    record({ kind, name, outcome, ackMs }) {
      const code = outcome.split(' ')[0] ?? '';
      const labels = {
        kind: kind === 'command' || kind === 'button' || kind === 'autocomplete' ? kind : 'other',
        command: KNOWN_NAMES.has(name) ? name : 'unknown',
        outcome: CODE.test(code) ? code : 'error',
      };
      interactions.inc(labels);
      if (ackMs !== undefined) ack.observe({ kind: labels.kind }, ackMs / 1000);
      if (labels.kind === 'command' && labels.command === 'zapi-create')
        app.creates.inc({ outcome: labels.outcome === 'ok' ? 'created' : labels.outcome });
    },
  };
}

/** Serves `GET /metrics` (and nothing else) on its own port; loopback unless told otherwise. */
export async function serveMetrics(
  metrics: AppMetrics,
  port: number,
  host: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      },
      () => {
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${bound}/metrics`, server };
}
