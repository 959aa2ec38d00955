import { QueryRunner } from 'typeorm';

type Cell = string | number | boolean | null;

/**
 * Rows of one table held column by column, written with one `INSERT … SELECT FROM unnest($1::type[], …)` per
 * flush: a handful of array parameters per statement however many rows, so each statement carries tens of
 * thousands of rows (PostgreSQL's 65,535 bind parameters bound per-row VALUES lists to a few thousand).
 */
export class ColumnTable {
  readonly columns: string[];
  readonly types: string[];
  private data: Cell[][];
  rows = 0;
  written = 0;

  constructor(
    readonly name: string,
    spec: [column: string, type: string][],
  ) {
    this.columns = spec.map(([c]) => c);
    this.types = spec.map(([, t]) => t);
    this.data = this.columns.map(() => []);
  }

  add(...values: Cell[]): void {
    if (values.length !== this.columns.length)
      throw new Error(`${this.name}: ${values.length} values for ${this.columns.length} columns`);
    for (let i = 0; i < values.length; i++) this.data[i].push(values[i]);
    this.rows++;
  }

  /** Takes the buffered rows out as one statement and its parameters (null when empty). */
  take(): [string, Cell[][]] | null {
    if (this.rows === 0) return null;
    const params = this.data;
    const sql =
      `INSERT INTO ${this.name} (${this.columns.join(', ')}) ` +
      `SELECT * FROM unnest(${this.types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
    this.written += this.rows;
    this.data = this.columns.map(() => []);
    this.rows = 0;
    return [sql, params];
  }
}

/** The tables in an order every foreign key accepts: a row's parents are in an earlier table or an earlier flush. */
export function scaleTables() {
  return {
    meeting_series: new ColumnTable('meeting_series', [
      ['id', 'uuid'],
      ['programme_id', 'uuid'],
      ['group_id', 'uuid'],
      ['rrule', 'text'],
      ['local_start', 'text'],
      ['timezone', 'text'],
      ['title', 'text'],
      ['agenda', 'text'],
      ['duration_minutes', 'int'],
      ['mode', 'text'],
      ['venue', 'text'],
      ['online_link', 'text'],
      ['capacity', 'int'],
      ['created_by_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    meeting: new ColumnTable('meeting', [
      ['id', 'uuid'],
      ['programme_id', 'uuid'],
      ['group_id', 'uuid'],
      ['series_id', 'uuid'],
      ['recurrence_id', 'timestamptz'],
      ['title', 'text'],
      ['agenda', 'text'],
      ['starts_at', 'timestamptz'],
      ['timezone', 'text'],
      ['duration_minutes', 'int'],
      ['mode', 'text'],
      ['venue', 'text'],
      ['online_link', 'text'],
      ['capacity', 'int'],
      ['status', 'text'],
      ['cancelled_at', 'timestamptz'],
      ['cancellation_message', 'text'],
      ['ical_uid', 'text'],
      ['created_by_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    booking: new ColumnTable('booking', [
      ['id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['user_id', 'uuid'],
      ['status', 'text'],
      ['mode', 'text'],
      ['queue_number', 'int'],
      ['confirmed_at', 'timestamptz'],
      ['promoted_at', 'timestamptz'],
      ['cancelled_at', 'timestamptz'],
      ['cancelled_by_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    attendance: new ColumnTable('attendance', [
      ['id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['user_id', 'uuid'],
      ['status', 'text'],
      ['mode', 'text'],
      ['recorded_by_id', 'uuid'],
      ['recorded_at', 'timestamptz'],
    ]),
    action_commitment: new ColumnTable('action_commitment', [
      ['id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['group_id', 'uuid'],
      ['programme_id', 'uuid'],
      ['user_id', 'uuid'],
      ['text', 'text'],
      ['theme', 'text'],
      ['due_date', 'date'],
      ['status', 'text'],
      ['outcome', 'text'],
      ['reviewed_meeting_id', 'uuid'],
      ['reviewed_at', 'timestamptz'],
      ['created_by_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    commitment_revision: new ColumnTable('commitment_revision', [
      ['id', 'uuid'],
      ['commitment_id', 'uuid'],
      ['status', 'text'],
      ['outcome', 'text'],
      ['meeting_id', 'uuid'],
      ['changed_by_id', 'uuid'],
      ['changed_at', 'timestamptz'],
    ]),
    feedback: new ColumnTable('feedback', [
      ['id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['user_id', 'uuid'],
      ['usefulness', 'smallint'],
      ['would_recommend', 'smallint'],
      ['comment', 'text'],
      ['created_at', 'timestamptz'],
    ]),
    meeting_note: new ColumnTable('meeting_note', [
      ['id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['author_id', 'uuid'],
      ['body', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
  };
}

export type ScaleTables = ReturnType<typeof scaleTables>;

/** Writes every table's buffered rows, in the order above. */
export async function flushTables(qr: QueryRunner, tables: ScaleTables): Promise<void> {
  // Every table is taken at once, before the first await: rows generated while these are written go in the next flush.
  const statements = Object.values(tables).map((table) => table.take());
  for (const statement of statements) if (statement) await qr.query(statement[0], statement[1]);
}
