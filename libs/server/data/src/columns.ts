import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'timestamptz' });
export const UpdatedAt = () => UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });

/** SQL list literal for a CHECK (col IN (...)) built from a domain enum. */
export function inList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
