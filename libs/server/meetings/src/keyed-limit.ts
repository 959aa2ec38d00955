/** A task that waited its whole bound for a slot and never ran. */
export class WaitTimeout extends Error {
  constructor(key: string, ms: number) {
    super(`No slot for ${key} within ${ms} ms`);
  }
}

/**
 * Runs at most `limit` tasks per key at once in this process; the rest wait, in arrival order,
 * without holding anything. Used so that a rush on one meeting does not fill the connection pool
 * with bookings that can only queue on that meeting's row lock anyway: a few in flight keep the
 * lock busy, and the other connections stay free for everyone else's requests. Correctness does
 * not rest on it (the row lock does that, across processes too).
 */
export class KeyedLimit {
  private readonly lanes = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  /**
   * Runs the task when a slot is free. Given `maxWaitMs`, a task that has not started by then leaves the queue
   * and the call rejects with WaitTimeout: a slot held by a task stuck on a lock cannot keep the rest waiting forever.
   */
  async run<T>(key: string, task: () => Promise<T>, maxWaitMs?: number): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active < this.limit) lane.active++;
    else {
      const queue = lane.waiting;
      await new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const next = () => {
          clearTimeout(timer);
          resolve();
        };
        if (maxWaitMs !== undefined) {
          timer = setTimeout(() => {
            queue.splice(queue.indexOf(next), 1);
            reject(new WaitTimeout(key, maxWaitMs));
          }, maxWaitMs);
        }
        queue.push(next);
      });
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = lane.waiting.shift();
      if (next) next();
      else if (--lane.active === 0) this.lanes.delete(key);
    }
  }

  /** Tasks running and waiting for a key (for tests). */
  size(key: string): number {
    const lane = this.lanes.get(key);
    return lane ? lane.active + lane.waiting.length : 0;
  }
}
