import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

/** A destination that keeps every line pino writes. */
function collector(): DestinationStream & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    write(chunk: string) {
      lines.push(chunk);
    },
  };
}

describe('createLogger', () => {
  it('logs an error by its kind, message and code, never the request it failed on', () => {
    const destination = collector();
    const logger = createLogger('info', destination);
    const error = Object.assign(new Error('Invalid Webhook Token'), {
      name: 'DiscordAPIError[50027]',
      code: 50027,
      status: 401,
      method: 'PATCH',
      url: 'https://discord.com/api/v10/webhooks/1/CANARY-interaction-token/messages/@original',
      requestBody: { json: { content: 'token: ||CANARY-instance-token||' }, files: [] },
      rawError: { message: 'Invalid Webhook Token', code: 50027 },
    });
    logger.error({ err: error }, 'could not answer an interaction');
    const line = destination.lines.join('');
    expect(line).not.toContain('CANARY');
    expect(JSON.parse(line)).toMatchObject({
      err: {
        type: 'DiscordAPIError[50027]',
        message: 'Invalid Webhook Token',
        code: 50027,
        status: 401,
        method: 'PATCH',
      },
    });
  });

  it('redacts tokens, secrets and authorization headers, should one ever be logged', () => {
    const destination = collector();
    const logger = createLogger('info', destination);
    logger.info(
      {
        token: 'CANARY-token',
        partnerToken: 'CANARY-partner-token',
        discordToken: 'CANARY-discord-token',
        clientToken: 'CANARY-client-token',
        secret: 'CANARY-secret',
        instance: { id: 'instance-1', token: 'CANARY-instance-token' },
        headers: { authorization: 'Bearer CANARY-authorization' },
        request: { headers: { authorization: 'Bearer CANARY-request-authorization' } },
        upstream: {
          partnerToken: 'CANARY-upstream-partner',
          clientToken: 'CANARY-upstream-client',
        },
        config: { discordToken: 'CANARY-config-discord', secret: 'CANARY-config-secret' },
        command: 'zapi-create',
      },
      'created',
    );
    const output = destination.lines.join('');
    expect(destination.lines).toHaveLength(1);
    expect(output).not.toContain('CANARY');
    expect(output.match(/\[REDACTED\]/g)).toHaveLength(12);
    const line = JSON.parse(output) as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'zapi-discord-bot',
      msg: 'created',
      command: 'zapi-create',
      token: '[REDACTED]',
      instance: { id: 'instance-1', token: '[REDACTED]' },
      headers: { authorization: '[REDACTED]' },
    });
  });

  it('writes nothing below its level', () => {
    const destination = collector();
    const logger = createLogger('warn', destination);
    logger.info({ token: 'CANARY-token' }, 'quiet');
    expect(destination.lines).toStrictEqual([]);
    logger.warn('loud');
    expect(destination.lines).toHaveLength(1);
  });
});
