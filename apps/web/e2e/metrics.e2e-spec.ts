import { until } from '@roundtable/server-testing';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { checkPage, DEMO, openPage, signInQuietly, Stack, startStack, Viewport } from './support';

jest.setTimeout(240_000);

interface Answer {
  totals: Record<string, number | null>;
  months: Array<Record<string, number | string | null> & { month: string }>;
}

/** As the dashboard shows a rate: a percentage with at most one decimal, "—" for null. */
const percent = (rate: number | null) =>
  rate === null ? '—' : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
const monthName = (month: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** The programme manager's and the facilitator's metrics dashboards, checked against the API's own answer. */
describe('the metrics dashboards', () => {
  let stack: Stack;
  let programmeId: string;
  beforeAll(async () => {
    stack = await startStack('metrics');
    [{ id: programmeId }] = await stack.sql<{ id: string }>(`select id from programme limit 1`);
    // The demo's summaries are built by the worker after it starts (every few seconds): wait for the marks to go.
    await until(
      'the metrics summaries to be built',
      async () => {
        const [{ marks }] = await stack.sql<{ marks: number }>(`select count(*)::int as marks from metrics_dirty`);
        const [{ slices }] = await stack.sql<{ slices: number }>(`select count(*)::int as slices from metrics_group_month`);
        return marks === 0 && slices > 0;
      },
      90_000,
    );
  });
  afterAll(() => stack?.close());

  /** The API's answer for the same filters, asked with the page's session. */
  async function api(page: Page, family: string, query: Record<string, string>): Promise<Answer> {
    const res = await page.request.get(`/api/metrics/${family}?${new URLSearchParams(query)}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as Answer;
  }
  const stat = (page: Page, name: string) => page.getByRole('group', { name, exact: true }).getByTestId('stat-value');

  async function open(viewport: Viewport, email: string, path: string): Promise<Page> {
    const page = await openPage(stack, viewport);
    await signInQuietly(page, email);
    await page.goto(path);
    return page;
  }

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`shows the programme manager the same figures as the API, on every view (${viewport})`, async () => {
      const page = await open(viewport, DEMO.manager, `/programmes/${programmeId}`);
      await page.locator('#main').getByRole('link', { name: 'Metrics' }).click();
      await page.waitForURL(/\/metrics\?programmeId=/);
      await checkPage(page, 'metrics', 'participation', page.getByRole('table', { name: 'Attendance per month' }));

      const participation = await api(page, 'participation', { programmeId });
      expect(participation.totals.sessionsHeld).toBeGreaterThan(0);
      await expect(stat(page, 'Sessions held').textContent()).resolves.toBe(String(participation.totals.sessionsHeld));
      await expect(stat(page, 'Attendance rate').textContent()).resolves.toBe(percent(participation.totals.attendanceRate));
      // A month's row of the table holds that month's figures.
      const held = participation.months.find((m) => (m.sessionsHeld as number) > 0)!;
      const row = page
        .getByRole('table', { name: 'Attendance per month' })
        .getByRole('row')
        .filter({ hasText: monthName(held.month) });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells.slice(0, 3)).toEqual([monthName(held.month), String(held.sessionsHeld), String(held.present)]);
      expect(cells[6]).toBe(percent(held.attendanceRate as number | null));

      await page.getByRole('tab', { name: 'Retention' }).click();
      await page.waitForURL(/view=retention/);
      await checkPage(page, 'metrics', 'retention', page.getByRole('table', { name: 'Completion by month of first session' }));
      const retention = await api(page, 'retention', { programmeId });
      await expect(stat(page, 'Members').textContent()).resolves.toBe(String(retention.totals.members));
      await expect(stat(page, 'Completion rate').textContent()).resolves.toBe(percent(retention.totals.completionRate));

      await page.getByRole('tab', { name: 'Action learning' }).click();
      await page.waitForURL(/view=actions/);
      await checkPage(page, 'metrics', 'actions', page.getByRole('table', { name: 'Outcomes: done, partly done, dropped' }));
      const actions = await api(page, 'actions', { programmeId });
      await expect(stat(page, 'Reviewed share').textContent()).resolves.toBe(percent(actions.totals.shareReviewed));
      await expect(stat(page, 'Done share').textContent()).resolves.toBe(percent(actions.totals.shareDone));

      await page.getByRole('tab', { name: 'Satisfaction' }).click();
      await page.waitForURL(/view=satisfaction/);
      await checkPage(page, 'metrics', 'satisfaction', page.getByRole('table', { name: 'Feedback responses per month' }));
      const satisfaction = await api(page, 'satisfaction', { programmeId });
      await expect(stat(page, 'Responses').textContent()).resolves.toBe(String(satisfaction.totals.responses));
      await expect(stat(page, 'Response rate').textContent()).resolves.toBe(percent(satisfaction.totals.responseRate));
      await page.context().close();
    });
  }

  it('puts a filter in the URL and shows the figures of that filter, and exports a table as CSV', async () => {
    const page = await open('desktop', DEMO.manager, `/metrics?programmeId=${programmeId}`);
    const table = page.getByRole('table', { name: 'Attendance per month' });
    await table.waitFor();
    const [group] = await stack.sql<{ id: string; name: string }>(
      `select g.id, g.name from peer_group g join metrics_group_month m on m.group_id = g.id
        where g.programme_id = $1 and m.sessions_held > 0 order by g.name limit 1`,
      [programmeId],
    );
    await page.getByRole('combobox', { name: 'Group' }).click();
    await page.getByRole('option', { name: group.name }).click();
    await page.waitForURL(new RegExp(`groupId=${group.id}`));
    const filtered = await api(page, 'participation', { programmeId, groupId: group.id });
    await until(
      'the filtered figures',
      async () => (await stat(page, 'Sessions held').textContent()) === String(filtered.totals.sessionsHeld),
    );
    await expect(stat(page, 'Attendance rate').textContent()).resolves.toBe(percent(filtered.totals.attendanceRate));
    await checkPage(page, 'metrics', 'participation-group', table);

    // A reload keeps the filter: it lives in the URL.
    await page.reload();
    await until(
      'the group chosen again',
      async () => (await page.getByRole('combobox', { name: 'Group' }).inputValue()) === group.name,
    );

    const panel = page.getByRole('region', { name: 'Attendance per month' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: /Export CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Attendance-per-month.csv');
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Month,Sessions held,Present,Late,Apologies,No-shows,Attendance rate,No-show rate');
    expect(lines).toHaveLength(filtered.months.length + 1);
    const held = filtered.months.find((m) => (m.sessionsHeld as number) > 0)!;
    expect(lines).toContain(
      [
        monthName(held.month),
        held.sessionsHeld,
        held.present,
        held.late,
        held.apologies,
        held.noShows,
        percent(held.attendanceRate as number | null),
        percent(held.noShowRate as number | null),
      ].join(','),
    );
    await page.context().close();
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`shows a facilitator the figures of their own groups (${viewport})`, async () => {
      const page = await open(viewport, DEMO.facilitator, '/facilitate');
      await page.locator('#main').getByRole('link', { name: 'Metrics' }).click();
      await page.waitForURL(/\/metrics/);
      await checkPage(page, 'metrics', 'facilitator', page.getByRole('table', { name: 'Attendance per month' }));
      const participation = await api(page, 'participation', { programmeId });
      await expect(stat(page, 'Sessions held').textContent()).resolves.toBe(String(participation.totals.sessionsHeld));
      await expect(stat(page, 'Attendance rate').textContent()).resolves.toBe(percent(participation.totals.attendanceRate));
      // No choosing among the programme's facilitators; their own groups only.
      await expect(page.getByRole('combobox', { name: 'Facilitator' }).count()).resolves.toBe(0);
      await page.context().close();
    });
  }
});
