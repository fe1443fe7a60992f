import { expect, it } from 'vitest';
import { barChart } from './chart.js';

it('draws a mermaid bar chart with a y axis just above the highest bar', () => {
  expect(
    barChart({
      title: 'Creates per second',
      unit: 'calls/s',
      bars: [
        { label: 'bare "undici"', value: 24591.4 },
        { label: 'client', value: 17353 },
        { label: 'broken', value: Number.NaN },
      ],
    }),
  ).toBe(
    [
      '```mermaid',
      'xychart-beta',
      '  title "Creates per second"',
      `  x-axis ["bare 'undici'", "client", "broken"]`,
      '  y-axis "calls/s" 0 --> 27051',
      '  bar [24591.4, 17353, 0]',
      '```',
    ].join('\n'),
  );
});
