import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a hot read as a named prepared statement on the pool, so PostgreSQL plans it once per
 * connection instead of on every request (for the session lookup and "my upcoming meetings",
 * planning cost more than execution). Only for statements outside a transaction: inside one,
 * use the EntityManager so the query sees the transaction.
 */
export async function preparedQuery<T>(
  db: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  if (manager.queryRunner?.isTransactionActive) return manager.query(text, values);
  const pool = (manager.connection.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
