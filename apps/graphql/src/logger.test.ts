import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('the gateway logger', () => {
  it('redacts tokens, keys, authorization headers and variables, should one ever be logged', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.info(
      {
        token: 'CANARY-instance-token',
        instance: { token: 'CANARY-nested-token' },
        headers: { authorization: 'Bearer CANARY-api-key' },
        partnerToken: 'CANARY-partner',
        variables: { input: { name: 'CANARY-variables' } },
        operation: 'createInstance',
      },
      'x',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/CANARY/);
    expect(line).toContain('"operation":"createInstance"');
    expect(line.match(/\[REDACTED\]/g)?.length).toBe(5);
  });
});
