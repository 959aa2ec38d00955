import { createTestDatabase } from './database';
import { TEST_DATABASE_URL } from './test-env';

/** Jest's globalSetup: a fresh test database, migrated; the run fails when entities and migrations disagree. */
export default async function globalSetup(): Promise<void> {
  await createTestDatabase(TEST_DATABASE_URL);
}
