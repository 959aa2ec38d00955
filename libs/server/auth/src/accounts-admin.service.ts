import { Injectable } from '@nestjs/common';
import { Actor, ApiError, likePattern, Page, pageOf } from '@roundtable/server-core';
import { DataSource } from 'typeorm';
import { AccountDto, AccountQueryDto } from './dto/account.dto';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  status: AccountDto['status'];
  timezone: string;
  firm_id: string | null;
  firm_name: string | null;
  firm_programme_id: string | null;
  roles: AccountDto['roles'];
  created_at: Date;
}

/** Every account of the installation, as admins read it: a page at a time by name, with their roles. */
@Injectable()
export class AccountsAdminService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, query: AccountQueryDto): Promise<Page<AccountDto>> {
    if (!actor.isAdmin) throw ApiError.forbidden('Only admins can list accounts');
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    // A role filter and each row's roles read ix_role_assignment_user_role.
    const from = `FROM app_user u LEFT JOIN firm f ON f.id = u.firm_id
      WHERE ($1::text IS NULL OR u.name ILIKE $1::text OR u.email ILIKE $1::text)
        AND ($2::text IS NULL
             OR ($2::text = 'member' AND u.firm_id IS NOT NULL)
             OR EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.role = $2::text))`;
    const params = [query.q ? likePattern(query.q) : null, query.role ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT u.id, u.email, u.name, u.status, u.timezone, u.firm_id, f.name AS firm_name,
                f.programme_id AS firm_programme_id, u.created_at,
                COALESCE((SELECT json_agg(json_build_object('role', r.role, 'programmeId', r.programme_id, 'groupId', r.group_id)
                                          ORDER BY r.created_at, r.id)
                            FROM role_assignment r WHERE r.user_id = u.id), '[]') AS roles
           ${from}
          ORDER BY u.name ${direction}, u.id ${direction}
          LIMIT $3 OFFSET $4`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ) as Promise<AccountRow[]>,
      this.db.query(`SELECT count(*)::int AS total ${from}`, params) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows.map(toDto), total, query);
  }
}

function toDto(r: AccountRow): AccountDto {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    status: r.status,
    timezone: r.timezone,
    firmId: r.firm_id,
    firmName: r.firm_name,
    firmProgrammeId: r.firm_programme_id,
    roles: r.roles,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
