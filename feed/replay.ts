import { readFileSync } from 'node:fs';
import { Tick } from '../shared/market.js';
import type { UnsequencedTick } from './tick-book.js';

/**
 * NDJSON replay. Each line is a tick (`seq` optional: the server re-stamps it); `ts` is read relative to the first
 * line, so a file may hold offsets (0, 250, 500…) or absolute times alike. Ticks go out at (ts − ts₀) / speed after
 * the start, stamped with the send time as `ts`, keeping the file's `source` and `simulated`.
 * Lines that aren't valid ticks are skipped and counted.
 */
const ReplayLine = Tick.partial({ seq: true });

export interface ReplayFile {
  ticks: Array<{ offset: number; tick: UnsequencedTick }>;
  malformed: number;
}

export function readReplayFile(path: string): ReplayFile {
  const ticks: ReplayFile['ticks'] = [];
  let malformed = 0;
  let first: number | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      malformed++;
      continue;
    }
    const parsed = ReplayLine.safeParse(json);
    if (!parsed.success) {
      malformed++;
      continue;
    }
    const { seq: _seq, ...tick } = parsed.data;
    first ??= tick.ts;
    ticks.push({ offset: Math.max(0, tick.ts - first), tick });
  }
  ticks.sort((a, b) => a.offset - b.offset);
  return { ticks, malformed };
}

export interface ReplayOptions {
  speed?: number;
  loop?: boolean;
  onTick: (tick: UnsequencedTick) => void;
  onEnd?: () => void;
  now?: () => number;
}

export class Replayer {
  private timer: NodeJS.Timeout | null = null;
  private index = 0;
  private startedAt = 0;
  private readonly speed: number;
  private readonly now: () => number;

  constructor(
    private readonly file: ReplayFile,
    private readonly opts: ReplayOptions,
  ) {
    this.speed = opts.speed && opts.speed > 0 ? opts.speed : 1;
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    this.index = 0;
    this.startedAt = this.now();
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const next = this.file.ticks[this.index];
    if (!next) {
      if (this.opts.loop && this.file.ticks.length) return this.start();
      this.opts.onEnd?.();
      return;
    }
    const delay = Math.max(0, this.startedAt + next.offset / this.speed - this.now());
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    const elapsed = (this.now() - this.startedAt) * this.speed;
    // Send everything that fell due (timers wake late; several lines may share a timestamp).
    while (this.index < this.file.ticks.length) {
      const entry = this.file.ticks[this.index] as ReplayFile['ticks'][number];
      if (entry.offset > elapsed) break;
      this.opts.onTick({ ...entry.tick, ts: this.now() });
      this.index++;
    }
    this.schedule();
  }
}
