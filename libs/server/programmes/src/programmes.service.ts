import { Injectable } from '@nestjs/common';
import { isValidCompletionRule, isValidReminderOffsets } from '@roundtable/domain';
import {
  Actor,
  ApiError,
  belongsToProgramme,
  likePattern,
  managesProgramme,
  Page,
  pageOf,
  visibleProgrammeIds,
} from '@roundtable/server-core';
import { ProgrammeEntity } from '@roundtable/server-data';
import { DataSource } from 'typeorm';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeQueryDto, UpdateProgrammeDto } from './dto/programme.dto';

@Injectable()
export class ProgrammesService {
  constructor(private readonly db: DataSource) {}

  async list(actor: Actor, query: ProgrammeQueryDto): Promise<Page<ProgrammeDto>> {
    const ids = visibleProgrammeIds(actor);
    const qb = this.db.manager.createQueryBuilder(ProgrammeEntity, 'p');
    if (ids) qb.andWhere('p.id = ANY(:ids)', { ids });
    if (query.q) qb.andWhere('p.name ILIKE :q', { q: likePattern(query.q) });
    const [items, total] = await qb
      .orderBy(`p.${query.sort}`, query.order === 'desc' ? 'DESC' : 'ASC')
      .addOrderBy('p.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items.map(toDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<ProgrammeDto> {
    return toDto(await this.findVisible(actor, id));
  }

  async create(actor: Actor, dto: CreateProgrammeDto): Promise<ProgrammeDto> {
    if (!actor.isAdmin) throw ApiError.forbidden('Only an administrator can create programmes');
    const values = {
      reminderOffsetsMinutes: [1440, 60],
      completionMinAttended: 6,
      completionOfSessions: 9,
      confidentialityText: '',
      ...dto,
    };
    validateRules(values);
    return this.db.transaction(async (em) => toDto(await em.save(em.create(ProgrammeEntity, values))));
  }

  async update(actor: Actor, id: string, dto: UpdateProgrammeDto): Promise<ProgrammeDto> {
    return this.db.transaction(async (em) => {
      const programme = await em.findOne(ProgrammeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!programme || !belongsToProgramme(actor, id)) throw ApiError.notFound('Programme');
      if (!managesProgramme(actor, id)) throw ApiError.forbidden('Only the programme’s managers can change it');
      Object.assign(programme, dto);
      validateRules(programme);
      return toDto(await em.save(programme));
    });
  }

  async findVisible(actor: Actor, id: string): Promise<ProgrammeEntity> {
    const programme = await this.db.manager.findOneBy(ProgrammeEntity, { id });
    if (!programme || !belongsToProgramme(actor, id)) throw ApiError.notFound('Programme');
    return programme;
  }
}

function validateRules(p: {
  reminderOffsetsMinutes: number[];
  completionMinAttended: number;
  completionOfSessions: number;
}): void {
  if (!isValidReminderOffsets(p.reminderOffsetsMinutes)) {
    throw ApiError.badRequest('invalid_reminder_offsets', 'Reminder offsets must be distinct', 'reminderOffsetsMinutes');
  }
  if (!isValidCompletionRule({ minAttended: p.completionMinAttended, ofSessions: p.completionOfSessions })) {
    throw ApiError.badRequest(
      'invalid_completion_rule',
      'completionMinAttended must be between 1 and completionOfSessions',
      'completionMinAttended',
    );
  }
}

export function toDto(p: ProgrammeEntity): ProgrammeDto {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    funder: p.funder,
    timezone: p.timezone,
    confidentialityText: p.confidentialityText,
    reminderOffsetsMinutes: p.reminderOffsetsMinutes,
    completionMinAttended: p.completionMinAttended,
    completionOfSessions: p.completionOfSessions,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
