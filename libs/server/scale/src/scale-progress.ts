/**
 * A progress bar on a terminal (one line redrawn at most ten times a second), plain lines elsewhere (a log, CI):
 * one per phase and one every tenth of the way.
 */
export class ScaleProgress {
  private phase = '';
  private total = 1;
  private done = 0;
  private started = Date.now();
  private drawn = 0;
  private tenth = 0;

  constructor(private readonly out: NodeJS.WriteStream | null = process.stdout) {}

  private get tty(): boolean {
    return Boolean(this.out?.isTTY);
  }

  start(phase: string, total: number): void {
    this.phase = phase;
    this.total = Math.max(1, total);
    this.done = 0;
    this.tenth = 0;
    this.started = Date.now();
    if (this.out && !this.tty) this.out.write(`${phase}…\n`);
    this.draw(true);
  }

  set(done: number): void {
    this.done = Math.min(done, this.total);
    this.draw(false);
  }

  /** Ends the phase with a line that stays: its name, what it did and how long it took. */
  finish(summary: string): void {
    const line = `${this.phase}: ${summary} in ${((Date.now() - this.started) / 1000).toFixed(1)} s`;
    if (!this.out) return;
    this.out.write(this.tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }

  private draw(force: boolean): void {
    if (!this.out) return;
    const fraction = this.done / this.total;
    if (!this.tty) {
      const tenth = Math.floor(fraction * 10);
      if (tenth > this.tenth && tenth < 10) this.out.write(`${this.phase}: ${tenth * 10}%\n`);
      this.tenth = Math.max(this.tenth, tenth);
      return;
    }
    const now = Date.now();
    if (!force && now - this.drawn < 100) return;
    this.drawn = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((now - this.started) / 1000).toFixed(0);
    this.out.write(
      `\r\x1b[2K${this.phase.padEnd(22)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
        `${this.done.toLocaleString('en-GB')}/${this.total.toLocaleString('en-GB')} ${seconds}s`,
    );
  }
}
