import { describe, expect, it } from 'vitest';
import { CreateRequestOptions } from './idempotency.js';
import { validate } from './problems.js';

describe('CreateRequestOptions', () => {
  it('takes an idempotency key of 1 to 255 characters, or none', () => {
    expect(validate(CreateRequestOptions, {}).success).toBe(true);
    expect(validate(CreateRequestOptions, { idempotencyKey: 'k'.repeat(255) }).success).toBe(true);
    const messages = (key: string) => {
      const result = validate(CreateRequestOptions, { idempotencyKey: key });
      return result.success ? [] : result.problems.map((p) => p.message);
    };
    expect(messages('')).toEqual(['idempotencyKey must not be empty']);
    expect(messages('k'.repeat(256))).toEqual(['idempotencyKey must be at most 255 characters']);
  });
});
