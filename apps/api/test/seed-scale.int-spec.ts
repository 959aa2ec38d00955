import { parseScaleArgs, ScaleProgress, ScaleResult, seedScale } from '@roundtable/server-scale';
import { TEST_DATABASE_URL } from '@roundtable/server-testing';
import { Client } from 'pg';

/** Its own database: the scale seed drops and recreates it. */
const url = (() => {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `${u.pathname}_seed_scale`;
  return u.toString();
})();

const options = parseScaleArgs(['--scale', '0.002', '--anchor', '2026-03-18', '--reset']);

const CHECKSUMS = {
  firm: 'id, name, sic_code, employee_band, local_authority_code, postcode, companies_house_number',
  app_user: 'id, email, name, firm_id',
  membership: 'id, group_id, firm_id, status, joined_at, ended_at',
  meeting: 'id, group_id, starts_at, status, capacity, mode',
  booking: 'id, meeting_id, user_id, status, queue_number, created_at, cancelled_at',
  attendance: 'id, meeting_id, user_id, status, mode',
  action_commitment: 'id, meeting_id, user_id, status, reviewed_meeting_id',
  feedback: 'id, meeting_id, user_id, usefulness, would_recommend',
  metrics_participation: 'group_id, month, local_authority_code, sic_section, employee_band, booked, attended',
};

async function checksums(client: Client): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, columns] of Object.entries(CHECKSUMS)) {
    const [{ sum }] = (
      await client.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM (SELECT ${columns} FROM ${table}) t`,
      )
    ).rows;
    out[table] = sum;
  }
  return out;
}

describe('npm run seed:scale (at a five-hundredth of the national size)', () => {
  let first: ScaleResult;
  let firstSums: Record<string, string>;
  let client: Client;

  beforeAll(async () => {
    first = await seedScale(url, options, new ScaleProgress(null));
    client = new Client({ connectionString: url });
    await client.connect();
    firstSums = await checksums(client);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
  });

  it('writes every part of the data set in proportion to the national figures', () => {
    const c = first.counts;
    expect(c).toMatchObject({ programmes: 1, groups: 4, firms: 40, members: 50 });
    // National: 100,000 meetings, 1,000,000 bookings, 300,000 commitments for 2,000 groups.
    expect(c.meetings / c.groups).toBeGreaterThan(35);
    expect(c.meetings / c.groups).toBeLessThan(65);
    expect(c.bookings / c.meetings).toBeGreaterThan(6);
    expect(c.bookings / c.meetings).toBeLessThan(13);
    expect(c.commitments / c.bookings).toBeGreaterThan(0.15);
    expect(c.commitments / c.bookings).toBeLessThan(0.5);
    expect(c.feedback).toBeGreaterThan(0);
  });

  it('keeps every session within its capacity, with waitlists only behind a full room', async () => {
    const { rows } = await client.query(
      `SELECT m.id, m.capacity, count(*) FILTER (WHERE b.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE b.status = 'waitlisted')::int AS waiting
         FROM meeting m LEFT JOIN booking b ON b.meeting_id = m.id GROUP BY m.id`,
    );
    expect(rows.filter((r) => r.confirmed > r.capacity)).toEqual([]);
    expect(rows.filter((r) => r.waiting > 0 && r.confirmed < r.capacity)).toEqual([]);
  });

  it('records attendance, feedback and commitments only for sessions held', async () => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE m.status <> 'completed')::int AS attendance,
              (SELECT count(*) FROM feedback f JOIN meeting m ON m.id = f.meeting_id WHERE m.status <> 'completed')::int AS feedback,
              (SELECT count(*) FROM action_commitment c JOIN meeting m ON m.id = c.meeting_id WHERE m.status <> 'completed')::int AS commitments,
              (SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
                WHERE m.starts_at > '2026-03-18')::int AS future,
              (SELECT count(*) FROM meeting WHERE status = 'completed')::int AS held,
              (SELECT count(*) FROM meeting WHERE status = 'scheduled' AND starts_at > '2026-03-18')::int AS upcoming`,
    );
    expect(rows[0]).toMatchObject({ attendance: 0, feedback: 0, commitments: 0, future: 0 });
    expect(rows[0].held).toBeGreaterThan(0);
    expect(rows[0].upcoming).toBeGreaterThan(0);
  });

  it('leaves the metrics built and no email owed', async () => {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM metrics_dirty)::int AS marks, (SELECT count(*) FROM metrics_group_month)::int AS months,
              (SELECT count(*) FROM notification WHERE status IN ('pending', 'queued'))::int AS owed`,
    );
    expect(rows[0]).toMatchObject({ marks: 0, owed: 0 });
    expect(rows[0].months).toBeGreaterThan(0);
  });

  it('refuses a database that has data, unless told to reset it', async () => {
    await expect(seedScale(url, { ...options, reset: false }, new ScaleProgress(null))).rejects.toThrow(/not empty/);
  });

  it('gives the same data set twice', async () => {
    await client.end();
    const second = await seedScale(url, options, new ScaleProgress(null));
    client = new Client({ connectionString: url });
    await client.connect();
    const { databaseBytes: a, ...firstCounts } = first.counts;
    const { databaseBytes: b, ...secondCounts } = second.counts;
    void a;
    void b;
    expect(secondCounts).toEqual(firstCounts);
    expect(await checksums(client)).toEqual(firstSums);
  }, 120_000);
});
