// `node --conditions=@zapikit/source --import tsx bench/parse-answers.bench.ts`: how long the client
// takes to read a create answer and a 100-item list page (valid answers: the hot path).
import * as schema from '@zapikit/schema';

const ROUNDS = 7;
const ITERATIONS = { create: 200_000, list: 2_000 };

const createText = JSON.stringify({ id: '3C7A1B'.repeat(5), token: 'F00D'.repeat(6), due: '1700172800000' });
const item = (index: number) => ({
  id: `${index}`.padStart(32, 'A'),
  name: `Instance ${index}`,
  token: `${index}`.padStart(24, 'B'),
  tenant: 'tenant-1',
  created: 1700000000000 + index,
  due: 1700172800000 + index,
  paymentStatus: 'TRIAL',
  deliveryCallbackUrl: null,
  receivedCallbackUrl: 'https://hooks.example.com/received',
  receivedAndDeliveryCallbackUrl: null,
  presenceChatCallbackUrl: null,
  disconnectedCallbackUrl: null,
  connectedCallbackUrl: null,
  messageStatusCallbackUrl: null,
  receivedStatusCallbackUrl: null,
  phoneConnected: false,
  whatsappConnected: false,
  middleware: 'web',
});
const listText = JSON.stringify({
  total: 100,
  totalPage: 1,
  pageSize: 100,
  page: 1,
  content: Array.from({ length: 100 }, (_, index) => item(index)),
});

// The client's reading of an answer: readAnswer where the schema has it, validate before.
const exported = schema as Record<string, unknown>;
type Read = (s: unknown, input: unknown) => { success: boolean };
const read = (exported.readAnswer ?? exported.validate) as Read;

function measure(label: string, text: string, answer: unknown, iterations: number): void {
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < iterations; index += 1) {
      if (!read(answer, JSON.parse(text)).success) throw new Error(`${label} did not parse`);
    }
    perCall.push(Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  perCall.sort((a, b) => a - b);
  console.log(`${label}: median ${perCall[ROUNDS >> 1]!.toFixed(2)} µs per answer (min ${perCall[0]!.toFixed(2)})`);
}

measure('create answer', createText, schema.CreateInstanceResponse, ITERATIONS.create);
measure('100-item list page', listText, schema.InstanceListPage, ITERATIONS.list);
