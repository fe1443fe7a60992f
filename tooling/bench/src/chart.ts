/**
 * A bar chart as a mermaid `xychart-beta` block, which GitHub renders in markdown: one bar per
 * label, so a regression is seen at a glance beside the table it summarises.
 */
export function barChart(options: {
  title: string;
  /** What the y axis measures, with its unit. */
  unit: string;
  bars: readonly { label: string; value: number }[];
}): string {
  const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;
  const values = options.bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0));
  const top = Math.max(1, ...values);
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(options.title)}`,
    `  x-axis [${options.bars.map((bar) => quote(bar.label)).join(', ')}]`,
    `  y-axis ${quote(options.unit)} 0 --> ${Math.ceil(top * 1.1)}`,
    `  bar [${values.map((value) => Math.round(value * 100) / 100).join(', ')}]`,
    '```',
  ].join('\n');
}
