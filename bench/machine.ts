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
