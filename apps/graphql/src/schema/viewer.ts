import { SCOPES } from '../auth/api-keys.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';

const ScopeEnum = builder.enumType('Scope', {
  description: 'What an API key may do.',
  values: {
    read: { value: 'read', description: 'Run queries: read instances.' },
    write: { value: 'write', description: 'Run mutations: create and the lifecycle.' },
    token: { value: 'token', description: 'See instance tokens.' },
    metrics: { value: 'metrics', description: 'Read /metrics.' },
  } satisfies Record<(typeof SCOPES)[number], { value: string; description: string }>,
});

const Viewer = builder.objectRef<GatewayContext>('Viewer').implement({
  description:
    'Who is calling: what the API key may do, and where calls go. A frontend reads it to disable what the key may not do.',
  fields: (t) => ({
    scopes: t.field({
      type: [ScopeEnum],
      description: "The calling API key's scopes; every scope on an open sandbox gateway.",
      resolve: (context) => SCOPES.filter((scope) => context.scopes.has(scope)),
    }),
    open: t.boolean({
      description: 'True when the gateway needs no API key (an open sandbox).',
      resolve: (context) => context.callerId === 'open',
    }),
    sandbox: t.boolean({
      description: 'True when calls go to the embedded sandbox rather than Z-API.',
      resolve: (context) => context.sandbox,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description:
      'The caller: its scopes and whether the gateway runs on the sandbox. Any valid API key may read it.',
    resolve: (_root, _args, context) => context,
  }),
);
