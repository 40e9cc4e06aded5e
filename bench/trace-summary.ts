/**
 * Reads a Chromium performance trace (the JSON `Tracing` writes, devtools.timeline categories) and sums what the
 * renderer's main thread did between two `performance.mark`s: by kind of work, top-level tasks only (so nothing is
 * counted twice), and the longest tasks. For bench/first-render.ts.
 */
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface TraceSummary {
  /** ms between the two marks on the renderer's clock. */
  spanMs: number;
  /** ms of the main thread busy in tasks inside the span. */
  busyMs: number;
  /** ms by kind of work (nested events' own time: a script's time without the layout it forced, and so on). */
  byKind: Record<string, number>;
  /** The longest tasks inside the span: start after the first mark and length, ms. */
  longTasks: { atMs: number; ms: number; top: string }[];
}

const KIND: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  V8Execute: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  ParseHTML: 'parse HTML',
  ParseAuthorStyleSheet: 'style',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'composite',
  Commit: 'composite',
  HitTest: 'other',
  'ResourceReceivedData': 'network',
  XHRReadyStateChange: 'script',
  XHRLoad: 'script',
};

export function traceSummary(trace: { traceEvents: TraceEvent[] } | TraceEvent[], from: string, to: string): TraceSummary {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mark = (name: string) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const a = mark(from);
  const b = mark(to);
  if (!a || !b) return { spanMs: NaN, busyMs: NaN, byKind: {}, longTasks: [] };
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === a.pid);
  const tid = main?.tid ?? a.tid;
  const inSpan = events
    .filter((e) => e.pid === a.pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && e.ts >= a.ts && e.ts < b.ts)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  const tasks = inSpan.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const byKind: Record<string, number> = {};
  // Self time of each known event: its duration less that of known events directly inside it.
  const known = inSpan.filter((e) => KIND[e.name] !== undefined);
  const stack: { end: number; kind: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const top = stack.pop()!;
      byKind[top.kind] = (byKind[top.kind] ?? 0) + top.self;
    }
  };
  for (const e of known) {
    close(e.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= e.dur!;
    stack.push({ end: e.ts + e.dur!, kind: KIND[e.name]!, self: e.dur! });
  }
  close(Infinity);
  const busy = tasks.reduce((n, e) => n + e.dur!, 0);
  const topOf = (t: TraceEvent) => {
    const inner = known.filter((e) => e.ts >= t.ts && e.ts < t.ts + t.dur!).sort((x, y) => y.dur! - x.dur!)[0];
    return inner ? inner.name : '';
  };
  const longTasks = [...tasks]
    .sort((x, y) => y.dur! - x.dur!)
    .slice(0, 6)
    .map((t) => ({ atMs: Math.round((t.ts - a.ts) / 1000), ms: Math.round(t.dur! / 1000), top: topOf(t) }));
  return {
    spanMs: Math.round((b.ts - a.ts) / 1000),
    busyMs: Math.round(busy / 1000),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v / 1000)])),
    longTasks,
  };
}
