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
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** A request path matched to its endpoint, with the instance id and token it carries. */
export interface MatchedRoute {
  route: RouteName;
  method: 'GET' | 'POST' | 'PUT';
  /** Integrator endpoints take the partner's bearer token; instance endpoints do not. */
  partnerAuth: boolean;
  id?: string;
  token?: string;
  phone?: string;
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
];

/** Finds the endpoint a path belongs to, whatever the method; undefined for an unknown path. */
export function matchRoute(pathname: string): MatchedRoute | undefined {
  for (const entry of TABLE) {
    const match = entry.pattern.exec(pathname);
    if (!match) continue;
    const groups = match.groups ?? {};
    return {
      route: entry.route,
      method: entry.method,
      partnerAuth: entry.partnerAuth,
      ...(groups.id === undefined ? {} : { id: decodeURIComponent(groups.id) }),
      ...(groups.token === undefined ? {} : { token: decodeURIComponent(groups.token) }),
      ...(groups.phone === undefined ? {} : { phone: decodeURIComponent(groups.phone) }),
    };
  }
  return undefined;
}
