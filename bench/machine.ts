import { readFileSync } from 'node:fs';
import os from 'node:os';

/** 1, 5 and 15 minute load averages, two decimals: other engineers' tests share this machine, so every figure carries it. */
export function loadAvg(): number[] {
  return os.loadavg().map((x) => Number(x.toFixed(2)));
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAvgAtStart: loadAvg(),
  };
}

/**
 * A process's CPU time so far, all its threads (utime + stime from Linux /proc, 100 clock ticks per second), in ms;
 * 0 once the process is gone (a node the benchmark killed).
 */
export function processCpuMs(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command's closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
