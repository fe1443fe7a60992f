import { execFileSync } from 'node:child_process';

/**
 * Pins a process (all its threads) to one CPU core with `taskset`, so the process under test
 * and its load do not trade places on a small machine. False where taskset is missing.
 */
export function pinToCore(pid: number | undefined, core: number): boolean {
  if (pid === undefined) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
