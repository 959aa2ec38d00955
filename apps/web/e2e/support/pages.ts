import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO, Stack } from './stack';

export type Viewport = 'phone' | 'desktop';

const VIEWPORTS = {
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;

/** A browser page at phone (375 px, touch) or desktop size, in a fresh context (its own cookies). */
export async function openPage(stack: Stack, viewport: Viewport): Promise<Page> {
  const context: BrowserContext = await stack.browser.newContext({
    ...VIEWPORTS[viewport],
    baseURL: stack.url,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    // axe-core is injected as a script; the app's own policy (script-src 'self') would refuse it.
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Signs in through the API from inside the page's context (the session cookie lands in its cookie jar): for
 * journeys that start after sign-in. The sign-in form itself is tested in the account journey.
 */
export async function signInQuietly(page: Page, email: string, password: string = DEMO.password): Promise<void> {
  const res = await page.request.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`Signing in ${email} failed: ${res.status()} ${await res.text()}`);
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** axe-core's serious and critical violations on the page as it stands (none is the aim). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Screenshots go to tmp/screenshots/<journey>/<name>-<viewport>.png (git-ignored). */
export async function screenshot(page: Page, journey: string, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const file = join('tmp', 'screenshots', journey, `${name}-${width < 600 ? 'phone' : 'desktop'}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * A page the journey has reached, checked as every page is: once `ready` is visible (the page's data has
 * loaded), axe finds no serious or critical violation, and a screenshot is kept.
 */
export async function checkPage(page: Page, journey: string, name: string, ready: Locator): Promise<void> {
  await ready.first().waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  // A modal fading in is half-transparent: axe would measure the contrast of a frame no one reads.
  // (Endless ones, a spinner, are not waited for.)
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, journey, name);
}

/** Counts what a person does (taps and key entries), for the effort budgets. */
export class Taps {
  count = 0;
  async tap(target: Locator): Promise<void> {
    this.count++;
    await target.click();
  }
  async fill(target: Locator, value: string): Promise<void> {
    this.count++;
    await target.fill(value);
  }
}
