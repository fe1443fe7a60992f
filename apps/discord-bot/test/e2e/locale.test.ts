// End to end: the bot answers each member in their Discord client's language (the `locale` of
// each interaction): Portuguese to pt-BR, English to everyone else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMember, FakeMessage } from '../fake-discord/fake-discord.js';
import { snowflake } from '../fake-discord/snowflake.js';
import { startEndToEnd, type EndToEnd } from '../harness.js';

let e2e: EndToEnd;
beforeAll(async () => {
  e2e = await startEndToEnd();
}, 40_000);
afterAll(async () => {
  await e2e.close();
});
afterEach(() => {
  e2e.sandbox.faults.clear();
});

/** A member with the allowed role whose Discord client is in `locale`. */
function speaker(locale: string, roles = [e2e.people.allowedRole]): FakeMember {
  return { id: snowflake(), username: `member-${snowflake().slice(-4)}`, roles, locale };
}
const labels = (message: FakeMessage) =>
  message.components.flatMap((row) => row.components.map((button) => button.label));
const fieldNames = (message: FakeMessage) =>
  (message.embeds[0]?.fields ?? []).map((field) => field.name);

describe('replies in the member’s language', () => {
  it('answers a create in Portuguese to a pt-BR member and in English to an en-US one', async () => {
    const inPortuguese = await e2e.fake.reply(
      e2e.fake.command('zapi-create', { name: 'Loja Recife' }, { member: speaker('pt-BR') }),
    );
    const made = e2e.sandbox.instances.all().find((instance) => instance.name === 'Loja Recife');
    expect(inPortuguese.embeds[0]?.title).toBe('Instância criada');
    expect(inPortuguese.embeds[0]?.description).toMatch(/assine-a em até 2 dias/);
    expect(fieldNames(inPortuguese)).toEqual(['Nome', 'ID', 'Fim do trial']);
    expect(labels(inPortuguese)).toEqual(['Assinar', 'QR code']);
    expect(inPortuguese.content).toBe(
      `Token da instância, visível só para você; mantenha-o em segredo: ||${made?.token}||`,
    );

    const inEnglish = await e2e.fake.reply(
      e2e.fake.command('zapi-create', { name: 'Loja Boston' }, { member: speaker('en-US') }),
    );
    expect(inEnglish.embeds[0]?.title).toBe('Instance created');
    expect(fieldNames(inEnglish)).toEqual(['Name', 'ID', 'Trial ends']);
    expect(labels(inEnglish)).toEqual(['Subscribe', 'QR code']);
  });

  it('names each bad option in Portuguese, with the schema’s reason translated', async () => {
    const before = e2e.sandbox.count('create');
    const reply = await e2e.fake.reply(
      e2e.fake.command(
        'zapi-create',
        {
          name: 'ganchos ruins',
          'delivery-callback-url': 'http://insecure.example/hook',
          'received-delivery-callback-url': 'https://user:secret@hooks.example/in',
        },
        { member: speaker('pt-BR') },
      ),
    );
    expect(reply.content).toBe(
      [
        'Nada foi enviado à Z-API. Corrija:',
        '• `delivery-callback-url`: precisa ser uma URL https://',
        '• `received-delivery-callback-url`: não pode conter nome de usuário nem senha',
      ].join('\n'),
    );
    expect(e2e.sandbox.count('create')).toBe(before);
  });

  it('refuses in Portuguese, from the access rules and from Z-API alike', async () => {
    const outsider = speaker('pt-BR', []);
    const refused = await e2e.fake.reply(
      e2e.fake.command('zapi-create', { name: 'não é minha' }, { member: outsider }),
    );
    expect(refused.content).toMatch(/^Você não tem um cargo com permissão/);

    e2e.sandbox.faults.inject({
      route: 'create',
      fault: { kind: 'status', status: 403, body: { error: 'forbidden' } },
      times: 1,
    });
    const forbidden = await e2e.fake.reply(
      e2e.fake.command('zapi-create', { name: 'proibida' }, { member: speaker('pt-BR') }),
    );
    expect(forbidden.content).toMatch(
      /^A Z-API recusou o pedido \(proibido\)\..* A Z-API disse: "forbidden"\. \(ZAPI_FORBIDDEN\)$/,
    );
  });

  it('pages a Portuguese list, keeping its search when an English member presses Next', async () => {
    for (let i = 1; i <= 11; i += 1) {
      e2e.sandbox.instances.create({ name: `filial ${String(i).padStart(2, '0')}` });
    }
    const first = await e2e.fake.reply(
      e2e.fake.command('zapi-list', { query: 'filial' }, { member: speaker('pt-BR') }),
    );
    expect(first.embeds[0]?.title).toBe('Instâncias: página 1 de 2 (11 no total)');
    expect(first.embeds[0]?.fields).toEqual([{ name: 'Busca', value: '"filial"' }]);
    expect(labels(first)).toEqual(['Anterior', 'Próxima']);

    const next = e2e.fake.press(first, 'zapi:list:2:next', { member: speaker('en-US') });
    const second = await e2e.fake.reply(next);
    expect(second.embeds[0]?.title).toBe('Instances: page 2 of 2 (11 in all)');
    expect(second.embeds[0]?.description).toMatch(/^• \*\*filial 11\*\*/);
    expect(second.embeds[0]?.fields).toEqual([{ name: 'Search', value: '"filial"' }]);
  });

  it('posts a late result in the channel in the language of the member who caused it', async () => {
    e2e.sandbox.faults.inject({ route: 'create', fault: { kind: 'latency', ms: 500 } });
    const member = speaker('pt-BR');
    const sent = e2e.fake.command('zapi-create', { name: 'resposta tardia' }, { member });
    await e2e.fake.ack(sent);
    e2e.fake.expire(sent);
    const posted = await e2e.fake.waitFor(() =>
      e2e.fake.channelMessages.find((message) =>
        message.embeds[0]?.fields?.some((field) => field.value === 'resposta tardia'),
      ),
    );
    expect(posted.content).toBe(
      `<@${member.id}>, seu \`/zapi-create\` terminou depois que a janela de 15 minutos do Discord para respostas fechou, então o resultado está aqui.`,
    );
    expect(posted.embeds[0]?.title).toBe('Instância criada');
    expect(labels(posted)).toEqual(['Mostrar token (só para você)']);
  });
});
