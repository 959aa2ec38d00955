import { dataSourceOptions } from '@roundtable/server-data';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@roundtable/migrations';
import { createTestApp } from './support';
import { TEST_DATABASE_URL } from '@roundtable/server-testing';

/**
 * Accounts invited under the old model (an `app_user` with status invited, holding its firm or roles,
 * and a link to set its password) keep working after migration invitation-grants: the link the person
 * already has accepts every grant the account held, if an admin or a manager of the programme was
 * handed it; a link a member was handed no longer works.
 */
describe('migration invitation-grants', () => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `${url.pathname}_legacy_invitations`;
  const name = url.pathname.slice(1);

  async function admin(sql: string): Promise<void> {
    const server = new URL(TEST_DATABASE_URL);
    server.pathname = '/postgres';
    const client = new Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => admin(`CREATE DATABASE "${name}"`)));
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('turns pending accounts into invitations their existing links accept', async () => {
    const before = MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.name === 'InvitationGrants1795761000001'),
    );
    const old = new DataSource(dataSourceOptions(url.toString(), before, 2));
    await old.initialize();
    const token = randomBytes(32).toString('base64url');
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const memberToken = randomBytes(32).toString('base64url');
    const memberTokenHash = createHash('sha256').update(memberToken).digest('hex');
    try {
      await old.runMigrations({ transaction: 'each' });
      const [programme] = await old.query(
        `INSERT INTO programme (name, region, funder, timezone) VALUES ('Legacy', 'Highlands', 'SE', 'Europe/London') RETURNING id`,
      );
      const [group] = await old.query(
        `INSERT INTO peer_group (programme_id, name, theme, format, capacity, status)
         VALUES ($1, 'Legacy group', 'Digital', 'online', 8, 'active') RETURNING id`,
        [programme.id],
      );
      const [inviter] = await old.query(
        `INSERT INTO app_user (email, name, status) VALUES ('pm@legacy.test', 'PM', 'active') RETURNING id`,
      );
      await old.query(`INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'programme_manager', $2)`, [
        inviter.id,
        programme.id,
      ]);
      // A member invited someone into their firm and was handed the link: it must not survive.
      const [firm] = await old.query(
        `INSERT INTO firm (programme_id, name, sic_code, employee_band, local_authority_code, postcode)
         VALUES ($1, 'Legacy Ltd', '62020', '10-49', 'S12000017', 'IV1 1AA') RETURNING id`,
        [programme.id],
      );
      const [member] = await old.query(
        `INSERT INTO app_user (email, name, status, firm_id) VALUES ('member@legacy.test', 'Member', 'active', $1) RETURNING id`,
        [firm.id],
      );
      const [victim] = await old.query(
        `INSERT INTO app_user (email, name, status, firm_id) VALUES ('victim@legacy.test', 'Victim', 'invited', $1) RETURNING id`,
        [firm.id],
      );
      await old.query(
        `INSERT INTO invitation (user_id, token_hash, invited_by_id, expires_at) VALUES ($1, $2, $3, now() + interval '5 days')`,
        [victim.id, memberTokenHash, member.id],
      );
      const [pending] = await old.query(
        `INSERT INTO app_user (email, name, status) VALUES ('pending@legacy.test', 'Pending Person', 'invited') RETURNING id`,
      );
      await old.query(
        `INSERT INTO role_assignment (user_id, role, programme_id, group_id) VALUES
           ($1, 'programme_manager', $2, NULL), ($1, 'facilitator', $2, $3)`,
        [pending.id, programme.id, group.id],
      );
      // A superseded link and the live one.
      await old.query(
        `INSERT INTO invitation (user_id, token_hash, invited_by_id, expires_at, created_at) VALUES
           ($1, $2, $3, now(), now() - interval '2 days'),
           ($1, $4, $3, now() + interval '5 days', now() - interval '1 day')`,
        [pending.id, 'a'.repeat(64), inviter.id, tokenHash],
      );
    } finally {
      await old.destroy();
    }

    const app = await createTestApp({ DATABASE_URL: url.toString() });
    try {
      await app.db.runMigrations({ transaction: 'each' });
      expect(await app.db.query(`SELECT 1 FROM app_user WHERE email = 'pending@legacy.test'`)).toEqual([]);
      const rows = await app.db.query(`SELECT email, role, accepted_at FROM invitation ORDER BY email, role`);
      expect(rows).toEqual([
        { email: 'pending@legacy.test', role: 'facilitator', accepted_at: null },
        { email: 'pending@legacy.test', role: 'programme_manager', accepted_at: null },
        { email: 'victim@legacy.test', role: 'member', accepted_at: null },
      ]);
      const hijack = await app.http
        .post('/api/invitations/accept')
        .send({ token: memberToken, password: 'the member’s passphrase' })
        .expect(400);
      expect(hijack.body.code).toBe('invitation_invalid');
      expect(await app.db.query(`SELECT 1 FROM app_user WHERE email = 'victim@legacy.test'`)).toEqual([]);
      const accepted = await app.http
        .post('/api/invitations/accept')
        .send({ token, password: 'a long new passphrase' })
        .expect(200);
      expect(accepted.body.user).toMatchObject({ email: 'pending@legacy.test', name: 'Pending Person' });
      expect(accepted.body.user.roles).toHaveLength(2);
      await app.http
        .post('/api/auth/login')
        .send({ email: 'pending@legacy.test', password: 'a long new passphrase' })
        .expect(200);
    } finally {
      await app.close();
    }
  });
});
