import { dataSourceOptions } from '@roundtable/server-data';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { createTestApp } from './support';
import { TEST_DATABASE_URL } from './support/test-env';

/**
 * Accounts invited under the old model (an `app_user` with status invited, holding its firm or roles,
 * and a link to set its password) keep working after migration invitation-grants: the link the person
 * already has accepts every grant the account held.
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
      const rows = await app.db.query(`SELECT role, accepted_at FROM invitation ORDER BY role`);
      expect(rows).toEqual([
        { role: 'facilitator', accepted_at: null },
        { role: 'programme_manager', accepted_at: null },
      ]);
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
