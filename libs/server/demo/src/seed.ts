import { Algorithm, hash } from '@node-rs/argon2';
import { ProgrammeEntity, RoleAssignmentEntity, UserEntity } from '@roundtable/server-data';
import { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'roundtable-demo';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** Seeds the demo programme when the database has no programmes; returns the logins to print. */
export async function seedDemo(ds: DataSource): Promise<DemoLogin[] | null> {
  if ((await ds.manager.count(ProgrammeEntity)) > 0) return null;
  const passwordHash = await hash(DEMO_PASSWORD, {
    algorithm: Algorithm.Argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  return ds.transaction(async (em) => {
    const programme = await em.save(
      em.create(ProgrammeEntity, {
        name: 'Peer Works Highlands & Lowlands',
        region: 'Scotland and the North of England',
        funder: 'Scottish Enterprise',
        timezone: 'Europe/London',
        confidentialityText: 'What members share in the room stays in the room.',
      }),
    );
    const admin = await em.save(
      em.create(UserEntity, { email: 'admin@demo.roundtable.local', name: 'Ada Admin', status: 'active', passwordHash }),
    );
    const pm = await em.save(
      em.create(UserEntity, { email: 'pm@demo.roundtable.local', name: 'Fiona MacLeod', status: 'active', passwordHash }),
    );
    await em.insert(RoleAssignmentEntity, [
      { userId: admin.id, role: 'admin' },
      { userId: pm.id, role: 'programme_manager', programmeId: programme.id },
    ]);
    return [
      { role: 'admin', email: admin.email, password: DEMO_PASSWORD },
      { role: 'programme manager', email: pm.email, password: DEMO_PASSWORD },
    ];
  });
}

/** The demo logins still present in a database seeded earlier (their password is the demo one unless changed). */
export async function existingDemoLogins(ds: DataSource): Promise<DemoLogin[]> {
  const rows: { email: string; role: string | null }[] = await ds.query(
    `SELECT u.email, (SELECT r.role FROM role_assignment r WHERE r.user_id = u.id ORDER BY r.role LIMIT 1) AS role
       FROM app_user u WHERE u.email LIKE '%@demo.roundtable.local' ORDER BY u.created_at LIMIT 8`,
  );
  return rows.map((r) => ({ role: (r.role ?? 'member').replace('_', ' '), email: r.email, password: DEMO_PASSWORD }));
}
