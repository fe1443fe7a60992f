import type { IncomingMessage } from 'node:http';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter } from 'prom-client';
import type { AppMetrics } from '@zapikit/app-metrics';
import { bearerToken, findApiKey, type ApiKey } from '../auth/api-keys.js';
import { resultOutcome } from './operation-outcome.js';
import { refusal } from './refusal.js';

export interface MetricsOptions {
  metrics: AppMetrics;
  /** With keys, `/metrics` needs one with the `metrics` scope; without, only loopback may read it. */
  apiKeys: readonly ApiKey[];
}

// A label value must come from a closed set: codes are upper-case words of our own; anything
// else (which should never happen) is counted as ERROR rather than becoming a new series.
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const label = (code: string) => (CODE.test(code) ? code : 'ERROR');

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Prometheus metrics at `GET /metrics`:
 * - yoga's Prometheus plugin for HTTP and execution durations and error results, with
 *   the client-chosen operation name and the URL left out of every label;
 * - operations by root field, type and outcome (`zapikit_gateway_operations_total`), and
 *   creates by outcome (`zapikit_gateway_creates_total`: created, or the code, unknown included);
 * - the Z-API calls the client reports (see @zapikit/app-metrics).
 * No token, instance name or id is ever a label value.
 */
export function useMetrics({ metrics, apiKeys }: MetricsOptions): Plugin {
  const { registry } = metrics;
  const operations = new Counter({
    name: 'zapikit_gateway_operations_total',
    help: 'GraphQL operations by root field, operation type and outcome (OK or a code).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const open = apiKeys.length === 0;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePrometheus({
          registry,
          endpoint: false,
          labels: { operationName: false, path: false, url: false },
          // HTTP duration, execution time and errors: what an operator alerts on. The request
          // duration repeats the HTTP one, and parse and validate are served from yoga's caches;
          // each histogram left out is one hook and one labelled observation less per request.
          metrics: {
            graphql_envelop_request: false,
            graphql_envelop_request_duration: false,
            graphql_envelop_request_time_summary: false,
            graphql_envelop_phase_parse: false,
            graphql_envelop_phase_validate: false,
            graphql_envelop_phase_context: false,
            graphql_envelop_phase_execute: true,
            graphql_envelop_phase_subscribe: false,
            graphql_envelop_error_result: true,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
            graphql_envelop_execute_resolver: false,
            graphql_yoga_http_duration: true,
          },
        }),
      );
    },
    async onRequest(payload) {
      const { url, request, serverContext, fetchAPI } = payload;
      if (url.pathname !== '/metrics') return;
      const endResponse = (response: Response) => {
        payload.endResponse(response);
      };
      let refused: Parameters<typeof refusal>[2] | undefined;
      if (request.method !== 'GET') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      if (open) {
        const address = (serverContext as { req?: IncomingMessage }).req?.socket.remoteAddress;
        if (!LOOPBACK.test(address ?? ''))
          refused = {
            status: 403,
            code: 'FORBIDDEN',
            message:
              'Without GRAPHQL_API_KEYS, /metrics answers only on loopback; configure a key with the metrics scope.',
          };
      } else {
        const key = findApiKey(apiKeys, bearerToken(request.headers.get('authorization')) ?? '');
        if (!key)
          refused = {
            status: 401,
            code: 'UNAUTHENTICATED',
            message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
            challenge: 'Bearer',
          };
        else if (!key.scopes.has('metrics'))
          refused = {
            status: 403,
            code: 'FORBIDDEN',
            message: 'This API key lacks the metrics scope.',
          };
      }
      if (refused) {
        endResponse(refusal(fetchAPI, request, refused));
        return;
      }
      endResponse(
        new fetchAPI.Response(await registry.metrics(), {
          headers: { 'content-type': registry.contentType },
        }),
      );
    },
    onExecute({ args }) {
      const operation = (args.document as DocumentNode).definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName === undefined ||
            args.operationName === null ||
            definition.name?.value === args.operationName),
      );
      const type = operation?.operation ?? 'unknown';
      // Field names, not aliases: the schema bounds them.
      const fields = (operation?.selectionSet.selections ?? []).flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      );
      return {
        onExecuteDone({ result }) {
          const outcome = label(resultOutcome(result));
          for (const field of fields) {
            operations.inc({ operation: field, type, outcome });
            if (field === 'createInstance')
              metrics.creates.inc({ outcome: outcome === 'OK' ? 'created' : outcome });
          }
        },
      };
    },
  };
}
