import { MIGRATIONS } from '@roundtable/migrations';
import { dataSourceOptions } from '@roundtable/server-data';
import { maintenanceUrl, TEST_DATABASE_URL } from '@roundtable/server-testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Migration notification-preference-categories: `{ invitations, reminders, digest }` becomes
 * `{ reminders, recaps, briefs }`. Reminders keep their value; recaps and briefs start on (a stored
 * digest false was the untouched default of a mail never sent); invitations are essential and go.
 */
describe('migration notification-preference-categories', () => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `${url.pathname}_preference_categories`;
  const name = url.pathname.slice(1);

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: maintenanceUrl(TEST_DATABASE_URL) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => admin(`CREATE DATABASE "${name}"`)));
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('keeps reminders, turns recaps and briefs on, drops invitations and digest, and changes the default', async () => {
    const upTo = MIGRATIONS.findIndex((m) => m.name === 'NotificationPreferenceCategories1795767000001');
    const old = new DataSource(dataSourceOptions(url.toString(), MIGRATIONS.slice(0, upTo), 2));
    await old.initialize();
    const people: Record<string, string> = {};
    try {
      await old.runMigrations({ transaction: 'each' });
      const stored: Record<string, string | null> = {
        untouched: null,
        noReminders: '{"invitations": true, "reminders": false, "digest": false}',
        everythingOff: '{"invitations": false, "reminders": false, "digest": false}',
        digestOn: '{"invitations": true, "reminders": true, "digest": true}',
        oddShape: '{"reminders": "yes"}',
      };
      for (const [who, prefs] of Object.entries(stored)) {
        const [row] = await old.query(
          prefs === null
            ? `INSERT INTO app_user (email, name, status) VALUES ($1, $2, 'active') RETURNING id`
            : `INSERT INTO app_user (email, name, status, notification_preferences) VALUES ($1, $2, 'active', $3::jsonb) RETURNING id`,
          [`${who.toLowerCase()}@legacy.test`, who, ...(prefs === null ? [] : [prefs])],
        );
        people[who] = row.id;
      }
    } finally {
      await old.destroy();
    }

    const migrated = new DataSource(dataSourceOptions(url.toString(), MIGRATIONS.slice(0, upTo + 1), 2));
    await migrated.initialize();
    try {
      await migrated.runMigrations({ transaction: 'each' });
      const prefsOf = async (id: string) =>
        (await migrated.query(`SELECT notification_preferences AS p FROM app_user WHERE id = $1`, [id]))[0].p;
      expect(await prefsOf(people.untouched)).toEqual({ reminders: true, recaps: true, briefs: true });
      expect(await prefsOf(people.noReminders)).toEqual({ reminders: false, recaps: true, briefs: true });
      expect(await prefsOf(people.everythingOff)).toEqual({ reminders: false, recaps: true, briefs: true });
      expect(await prefsOf(people.digestOn)).toEqual({ reminders: true, recaps: true, briefs: true });
      expect(await prefsOf(people.oddShape)).toEqual({ reminders: true, recaps: true, briefs: true });
      const [fresh] = await migrated.query(
        `INSERT INTO app_user (email, name) VALUES ('new@legacy.test', 'New') RETURNING notification_preferences AS p`,
      );
      expect(fresh.p).toEqual({ reminders: true, recaps: true, briefs: true });

      // And back: the old shape, reminders kept.
      await migrated.undoLastMigration({ transaction: 'each' });
      expect(await prefsOf(people.noReminders)).toEqual({ invitations: true, reminders: false, digest: false });
      expect(await prefsOf(people.digestOn)).toEqual({ invitations: true, reminders: true, digest: false });
    } finally {
      await migrated.destroy();
    }
  });
});
