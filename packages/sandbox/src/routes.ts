/** Every partner endpoint the sandbox simulates, by the name tests count requests with. */
export const ROUTE_NAMES = [
  'create',
  'list',
  'subscribe',
  'cancel',
  'update',
  'status',
  'qr-code',
  'qr-code-image',
  'phone-code',
  'restart',
  'disconnect',
  'me',
  'update-webhook',
  'update-every-webhooks',
  'update-notify-sent-by-me',
  'sandbox-connect',
  'sandbox-disconnect',
  'sandbox-faults-add',
  'sandbox-faults-clear',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** A request path matched to its endpoint, with the instance id and token it carries. */
export interface MatchedRoute {
  route: RouteName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Integrator endpoints take the partner's bearer token; instance endpoints do not. */
  partnerAuth: boolean;
  id?: string;
  token?: string;
  phone?: string;
  /** The webhook an `update-webhook-*` path names (`received`, `chat-presence`, …). */
  webhook?: string;
  /** The sandbox's own control path (`/__sandbox/…`): never faulted, never recorded. */
  control: boolean;
}

const INSTANCE = '/instances/(?<id>[^/]+)/token/(?<token>[^/]+)';

const TABLE: {
  pattern: RegExp;
  route: RouteName;
  method: MatchedRoute['method'];
  partnerAuth: boolean;
}[] = [
  {
    pattern: /^\/instances\/integrator\/on-demand$/,
    route: 'create',
    method: 'POST',
    partnerAuth: true,
  },
  { pattern: /^\/instances$/, route: 'list', method: 'GET', partnerAuth: true },
  {
    pattern: new RegExp(`^${INSTANCE}/integrator/on-demand/subscription$`),
    route: 'subscribe',
    method: 'POST',
    partnerAuth: true,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/integrator/on-demand/cancel$`),
    route: 'cancel',
    method: 'POST',
    partnerAuth: true,
  },
  // The live docs' path, and the one the docs repository still shows: both answer.
  {
    pattern: new RegExp(`^${INSTANCE}/integrator/(?:on-demand/)?subscription/update$`),
    route: 'update',
    method: 'PUT',
    partnerAuth: true,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/status$`),
    route: 'status',
    method: 'GET',
    partnerAuth: false,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/qr-code$`),
    route: 'qr-code',
    method: 'GET',
    partnerAuth: false,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/qr-code/image$`),
    route: 'qr-code-image',
    method: 'GET',
    partnerAuth: false,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/phone-code/(?<phone>[^/]+)$`),
    route: 'phone-code',
    method: 'GET',
    partnerAuth: false,
  },
  ...(['restart', 'disconnect', 'me'] as const).map((route) => ({
    pattern: new RegExp(`^${INSTANCE}/${route}$`),
    route,
    method: 'GET' as const,
    partnerAuth: false,
  })),
  {
    pattern: new RegExp(
      `^${INSTANCE}/update-webhook-(?<webhook>received|received-delivery|delivery|message-status|connected|disconnected|chat-presence)$`,
    ),
    route: 'update-webhook',
    method: 'PUT',
    partnerAuth: false,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/update-every-webhooks$`),
    route: 'update-every-webhooks',
    method: 'PUT',
    partnerAuth: false,
  },
  {
    pattern: new RegExp(`^${INSTANCE}/update-notify-sent-by-me$`),
    route: 'update-notify-sent-by-me',
    method: 'PUT',
    partnerAuth: false,
  },
  {
    pattern: /^\/__sandbox\/instances\/(?<id>[^/]+)\/connect$/,
    route: 'sandbox-connect',
    method: 'POST',
    partnerAuth: true,
  },
  {
    pattern: /^\/__sandbox\/instances\/(?<id>[^/]+)\/disconnect$/,
    route: 'sandbox-disconnect',
    method: 'POST',
    partnerAuth: true,
  },
  {
    pattern: /^\/__sandbox\/faults$/,
    route: 'sandbox-faults-add',
    method: 'POST',
    partnerAuth: true,
  },
  {
    pattern: /^\/__sandbox\/faults$/,
    route: 'sandbox-faults-clear',
    method: 'DELETE',
    partnerAuth: true,
  },
];

/**
 * Finds the endpoint a path belongs to: the one for `method` where a path has several, else the
 * first for the path whatever the method (the caller answers 405); undefined for an unknown path.
 */
export function matchRoute(pathname: string, method?: string): MatchedRoute | undefined {
  let first: MatchedRoute | undefined;
  for (const entry of TABLE) {
    const match = entry.pattern.exec(pathname);
    if (!match) continue;
    const matched = matchedRoute(entry, match.groups ?? {});
    if (method === undefined || entry.method === method) return matched;
    first ??= matched;
  }
  return first;
}

function matchedRoute(
  entry: (typeof TABLE)[number],
  groups: Record<string, string | undefined>,
): MatchedRoute {
  return {
    route: entry.route,
    method: entry.method,
    partnerAuth: entry.partnerAuth,
    ...(groups.id === undefined ? {} : { id: decodeURIComponent(groups.id) }),
    ...(groups.token === undefined ? {} : { token: decodeURIComponent(groups.token) }),
    ...(groups.phone === undefined ? {} : { phone: decodeURIComponent(groups.phone) }),
    ...(groups.webhook === undefined ? {} : { webhook: groups.webhook }),
    control: entry.route.startsWith('sandbox-'),
  };
}
