/** A minimal typed listener registry (the worker has no DOM EventTarget needs, and node's typing is loose). */
export class Listeners<Events extends Record<string, (...args: never[]) => void>> {
  private readonly map = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(event: K, fn: Events[K]): () => void {
    const set = this.map.get(event) ?? new Set();
    set.add(fn);
    this.map.set(event, set);
    return () => void set.delete(fn);
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.map.get(event);
    if (!set) return;
    for (const fn of set) (fn as (...a: Parameters<Events[K]>) => void)(...args);
  }
}
