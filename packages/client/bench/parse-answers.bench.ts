// `node --conditions=@zapikit/source --import tsx bench/parse-answers.bench.ts`: how long the client
// takes to read (JSON.parse + readAnswer) a create answer and a 100-item list page, valid ones: the
// hot path, which must not pay for reporting dropped fields.
import { CreateInstanceResponse, InstanceListPage, readAnswer } from '@zapikit/schema';
import type { z } from 'zod';

const ROUNDS = 7;
const ITERATIONS = { create: 200_000, list: 2_000 };

const createText = JSON.stringify({
  id: '3C7A1B'.repeat(5),
  token: 'F00D'.repeat(6),
  due: '1700172800000',
});
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

function measure(label: string, text: string, answer: z.ZodType, iterations: number): void {
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < iterations; index += 1) {
      if (!readAnswer(answer, JSON.parse(text)).success) throw new Error(`${label} did not parse`);
    }
    perCall.push(Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  perCall.sort((a, b) => a - b);
  const [fastest = 0] = perCall;
  const median = perCall[ROUNDS >> 1] ?? 0;
  console.log(`${label}: median ${median.toFixed(2)} µs, fastest round ${fastest.toFixed(2)} µs`);
}

measure('create answer', createText, CreateInstanceResponse, ITERATIONS.create);
measure('100-item list page', listText, InstanceListPage, ITERATIONS.list);
