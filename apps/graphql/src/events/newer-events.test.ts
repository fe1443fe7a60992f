import { describe, expect, it } from 'vitest';
import type { InstanceEvent } from './instance-event.js';
import { NewerEvents } from './newer-events.js';

const event = (state: InstanceEvent['state'], at: number, extra: Partial<InstanceEvent> = {}) => ({
  instanceId: 'I1',
  state,
  phone: null,
  at,
  source: 'callback' as const,
  ...extra,
});

describe('NewerEvents', () => {
  it('admits a change once, drops its duplicate and anything older, per instance', () => {
    const seen = new NewerEvents();
    expect(seen.admit(event('CONNECTED', 1_000))).toBe('new');
    expect(seen.admit(event('CONNECTED', 1_000))).toBe('duplicate');
    expect(seen.admit(event('DISCONNECTED', 999))).toBe('older');
    expect(seen.admit(event('DISCONNECTED', 999, { instanceId: 'I2' }))).toBe('new');
    expect(seen.admit(event('DISCONNECTED', 2_000))).toBe('new');
    expect(seen.lastState('I1')).toBe('DISCONNECTED');
  });

  it('admits a later callback in the same state (a reconnect whose disconnect was missed), not a poll', () => {
    const seen = new NewerEvents();
    expect(seen.admit(event('CONNECTED', 1_000))).toBe('new');
    expect(seen.admit(event('CONNECTED', 5_000, { source: 'poll' }))).toBe('duplicate');
    expect(seen.admit(event('CONNECTED', 6_000))).toBe('new');
  });

  it('forgets the least recently seen instances past its bound', () => {
    const seen = new NewerEvents(2);
    seen.admit(event('CONNECTED', 1, { instanceId: 'A' }));
    seen.admit(event('CONNECTED', 1, { instanceId: 'B' }));
    seen.admit(event('CONNECTED', 1, { instanceId: 'C' }));
    expect(seen.lastState('A')).toBeUndefined();
    expect(seen.admit(event('CONNECTED', 1, { instanceId: 'A' }))).toBe('new');
  });
});
