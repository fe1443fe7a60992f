import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One line naming the machine, Node and the date, as every benchmark section starts. */
export function machineLine(now = new Date()): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 1024 ** 3);
  return `${now.toISOString().slice(0, 10)} · ${model} · ${cpu.length} cores · ${memory} GiB · Node ${process.version} · ${process.platform}/${process.arch}`;
}

const HEADER = `# Benchmarks

Written by \`pnpm bench\`; each section is replaced by the benchmark that owns it. Figures come
from one machine and vary from run to run: compare figures taken side by side in one run, not
across sections or dates.
`;

/** Replaces (or appends) the section `name` of a markdown file, between its markers. */
export function writeSection(file: URL | string, name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
