import { HttpStatus, Injectable } from '@nestjs/common';
import { normaliseCompaniesHouseNumber, normalisePostcode } from '@roundtable/domain';
import {
  Actor,
  ApiError,
  belongsToProgramme,
  isProgrammeStaff,
  likePattern,
  managesProgramme,
  Page,
  pageOf,
} from '@roundtable/server-core';
import { FirmEntity, ProgrammeEntity } from '@roundtable/server-data';
import { DataSource, QueryFailedError } from 'typeorm';
import { CreateFirmDto, FirmDto, FirmPersonDto, FirmQueryDto, UpdateFirmDto } from './dto/firm.dto';

/** A firm's own people and the staff of its programme (admins included) may see it. */
export function canSeeFirm(actor: Actor, firm: Pick<FirmEntity, 'id' | 'programmeId'>): boolean {
  return actor.firmId === firm.id || isProgrammeStaff(actor, firm.programmeId);
}

/** A firm's own people and its programme's managers (admins included) may change it; facilitators only read. */
export function canEditFirm(actor: Actor, firm: Pick<FirmEntity, 'id' | 'programmeId'>): boolean {
  return actor.firmId === firm.id || managesProgramme(actor, firm.programmeId);
}

@Injectable()
export class FirmsService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, programmeId: string, query: FirmQueryDto): Promise<Page<FirmDto>> {
    if (!belongsToProgramme(actor, programmeId) || !(await this.db.manager.existsBy(ProgrammeEntity, { id: programmeId }))) {
      throw ApiError.notFound('Programme');
    }
    if (!isProgrammeStaff(actor, programmeId)) {
      throw ApiError.forbidden('Only the programme’s managers and facilitators can list its firms');
    }
    const qb = this.db.manager.createQueryBuilder(FirmEntity, 'f').where('f.programmeId = :programmeId', { programmeId });
    if (query.q) qb.andWhere('f.name ILIKE :q', { q: likePattern(query.q) });
    if (query.localAuthorityCode) qb.andWhere('f.localAuthorityCode = :la', { la: query.localAuthorityCode });
    if (query.sicCode) qb.andWhere('f.sicCode LIKE :sic', { sic: `${query.sicCode}%` });
    if (query.employeeBand) qb.andWhere('f.employeeBand = :band', { band: query.employeeBand });
    const [items, total] = await qb
      .orderBy(`f.${query.sort}`, query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('f.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items.map(toFirmDto), total, query);
  }

  async create(actor: Actor, programmeId: string, dto: CreateFirmDto): Promise<FirmDto> {
    const values = normalise(dto);
    return withDuplicateCheck(values.companiesHouseNumber, () =>
      this.db.transaction(async (em) => {
        const programme = await em.findOneBy(ProgrammeEntity, { id: programmeId });
        if (!programme || !belongsToProgramme(actor, programmeId)) throw ApiError.notFound('Programme');
        if (!managesProgramme(actor, programmeId)) throw ApiError.forbidden('Only the programme’s managers can add firms');
        // The unique index decides duplicates, so two simultaneous requests cannot both add the same company.
        const firm = await em.save(em.create(FirmEntity, { ...values, programmeId } as FirmEntity));
        return toFirmDto(firm);
      }),
    );
  }

  async get(actor: Actor, firmId: string): Promise<FirmDto> {
    return toFirmDto(await this.findVisible(actor, firmId));
  }

  async update(actor: Actor, firmId: string, dto: UpdateFirmDto): Promise<FirmDto> {
    const values = normalise(dto);
    return withDuplicateCheck(values.companiesHouseNumber, () =>
      this.db.transaction(async (em) => {
        const firm = await em.findOne(FirmEntity, { where: { id: firmId }, lock: { mode: 'pessimistic_write' } });
        if (!firm || !canSeeFirm(actor, firm)) throw ApiError.notFound('Firm');
        if (!canEditFirm(actor, firm)) {
          throw ApiError.forbidden('Only the firm’s own people and the programme’s managers can change it');
        }
        // The competitor screen rests on the SIC code and the local authority: a firm's own people cannot
        // change them (or an application could slip past the screen); the programme's managers can.
        const screened = (['sicCode', 'localAuthorityCode'] as const).filter((f) => dto[f] !== undefined && dto[f] !== firm[f]);
        if (screened.length && !managesProgramme(actor, firm.programmeId)) {
          throw ApiError.forbidden(`Only the programme’s managers can change ${screened.join(' and ')}: ask them to update it`);
        }
        Object.assign(firm, values);
        return toFirmDto(await em.save(firm));
      }),
    );
  }

  async people(actor: Actor, firmId: string): Promise<FirmPersonDto[]> {
    await this.findVisible(actor, firmId);
    // People with an account, and people invited into the firm who have not accepted yet (status invited, and
    // the invitation's id: no account exists for them until they follow the link).
    const rows: FirmPersonDto[] = await this.db.manager.query(
      `SELECT id, name, email, status, timezone FROM app_user WHERE firm_id = $1
       UNION ALL
       SELECT i.id, i.name, i.email, 'invited', i.timezone FROM invitation i
        WHERE i.firm_id = $1 AND i.accepted_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > now()
          AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.firm_id = $1 AND u.email = i.email)
       ORDER BY name, id`,
      [firmId],
    );
    return rows.map((u) => ({ id: u.id, name: u.name, email: u.email, status: u.status, timezone: u.timezone }));
  }

  async findVisible(actor: Actor, firmId: string): Promise<FirmEntity> {
    const firm = await this.db.manager.findOneBy(FirmEntity, { id: firmId });
    if (!firm || !canSeeFirm(actor, firm)) throw ApiError.notFound('Firm');
    return firm;
  }
}

type FirmValues = Partial<
  Pick<FirmEntity, 'name' | 'companiesHouseNumber' | 'sicCode' | 'employeeBand' | 'localAuthorityCode' | 'postcode'>
>;

/** Stored forms: trimmed name, canonical Companies House number and postcode. Validation already ran on the DTO. */
function normalise(dto: UpdateFirmDto): FirmValues {
  const values: FirmValues = {};
  if (dto.name !== undefined) values.name = dto.name.trim();
  if (dto.companiesHouseNumber !== undefined) {
    values.companiesHouseNumber =
      dto.companiesHouseNumber === null ? null : normaliseCompaniesHouseNumber(dto.companiesHouseNumber);
  }
  if (dto.sicCode !== undefined) values.sicCode = dto.sicCode;
  if (dto.employeeBand !== undefined) values.employeeBand = dto.employeeBand;
  if (dto.localAuthorityCode !== undefined) values.localAuthorityCode = dto.localAuthorityCode;
  if (dto.postcode !== undefined) {
    const postcode = normalisePostcode(dto.postcode);
    if (!postcode) throw ApiError.badRequest('invalid_postcode', 'postcode must be a UK postcode such as IV1 1AA', 'postcode');
    values.postcode = postcode;
  }
  return values;
}

async function withDuplicateCheck<T>(companiesHouseNumber: string | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const pg = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
    if (pg?.code === '23505' && pg.constraint === 'uq_firm_companies_house_number') {
      const message = `A firm with Companies House number ${companiesHouseNumber ?? ''} is already in this programme`;
      throw new ApiError(HttpStatus.CONFLICT, 'duplicate_companies_house_number', message, [
        { field: 'companiesHouseNumber', message },
      ]);
    }
    throw err;
  }
}

export function toFirmDto(f: FirmEntity): FirmDto {
  return {
    id: f.id,
    programmeId: f.programmeId,
    name: f.name,
    companiesHouseNumber: f.companiesHouseNumber,
    sicCode: f.sicCode,
    employeeBand: f.employeeBand,
    localAuthorityCode: f.localAuthorityCode,
    postcode: f.postcode,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
