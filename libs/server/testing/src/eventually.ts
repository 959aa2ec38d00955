/**
 * Polls `probe` every 100 ms until it answers something truthy, and returns that; fails naming `what`
 * after `timeoutMs`. For what another process (a worker) does in its own time.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
