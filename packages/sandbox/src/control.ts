// The sandbox's own control surface (`/__sandbox/…`, partner token): a simulated phone and fault
// rules over HTTP, so the standalone sandbox can be driven from other tools and processes.
import { z } from 'zod';
import { formatProblems, validate } from '@zapikit/schema';
import { FaultRuleSchema, type FaultInjector } from './faults.js';
import type { Reply } from './reply.js';
import type { MatchedRoute } from './routes.js';
import type { SimulatedPhone } from './simulated-phone.js';
import type { InstanceStore } from './state.js';

const ConnectBody = z.strictObject({
  phone: z
    .string({ error: 'must be a text' })
    .regex(/^[1-9]\d{7,14}$/, { error: 'must be international digits only (5511999999999)' })
    .optional(),
});

/** What the control routes act on. */
export interface ControlContext {
  store: InstanceStore;
  phone: SimulatedPhone;
  faults: FaultInjector;
}

/** Answers one control request; the caller checked the partner token. */
export function controlReply(matched: MatchedRoute, body: unknown, context: ControlContext): Reply {
  switch (matched.route) {
    case 'sandbox-faults-add': {
      const rule = validate(FaultRuleSchema, body ?? {});
      if (!rule.success) return invalid(rule.problems);
      context.faults.inject(rule.data);
      return { status: 201, body: { rule: rule.data } };
    }
    case 'sandbox-faults-clear':
      context.faults.clear();
      return { status: 204 };
    default:
      return phoneReply(matched, body, context);
  }
}

function phoneReply(matched: MatchedRoute, body: unknown, context: ControlContext): Reply {
  const instance = matched.id === undefined ? undefined : context.store.get(matched.id);
  if (!instance) return { status: 404, body: { error: 'Instance not found' } };
  if (matched.route === 'sandbox-disconnect') {
    context.phone.disconnect(instance);
    return { status: 200, body: { id: instance.id, connected: false } };
  }
  const parsed = validate(ConnectBody, body ?? {});
  if (!parsed.success) return invalid(parsed.problems);
  context.phone.connect(instance, parsed.data.phone);
  return { status: 200, body: { id: instance.id, connected: true, phone: instance.phone } };
}

function invalid(problems: Parameters<typeof formatProblems>[0]): Reply {
  return { status: 400, body: { error: formatProblems(problems), problems } };
}
