import { Injectable } from '@nestjs/common';
import { Actor, ApiError, belongsToProgramme, facilitatesGroup, isProgrammeStaff } from '@roundtable/server-core';
import { FirmEntity, MembershipEntity, PeerGroupEntity } from '@roundtable/server-data';
import { BookingsService } from '@roundtable/server-meetings';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipDto } from './dto/membership.dto';

@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsService,
  ) {}

  /** Every membership the firm has had, newest first: its own people and its programme's staff. */
  async forFirm(actor: Actor, firmId: string): Promise<MembershipDto[]> {
    const em = this.db.manager;
    const firm = await em.findOneBy(FirmEntity, { id: firmId });
    if (!firm || (actor.firmId !== firm.id && !belongsToProgramme(actor, firm.programmeId))) throw ApiError.notFound('Firm');
    if (actor.firmId !== firm.id && !isProgrammeStaff(actor, firm.programmeId)) {
      throw ApiError.forbidden('Only the firm’s own people and its programme’s staff can see its memberships');
    }
    const memberships = await em.find(MembershipEntity, {
      where: { firmId },
      relations: { group: true },
      order: { joinedAt: 'DESC', id: 'ASC' },
    });
    return memberships.map(toMembershipDto);
  }

  /** The firm's own people end their membership. */
  leave(actor: Actor, id: string, reason: string): Promise<MembershipDto> {
    return this.end(actor, id, 'left', reason);
  }

  /** The group's facilitators and the programme's managers take a firm out of the group. */
  remove(actor: Actor, id: string, reason: string): Promise<MembershipDto> {
    return this.end(actor, id, 'removed', reason);
  }

  private end(actor: Actor, id: string, status: 'left' | 'removed', reason: string): Promise<MembershipDto> {
    return this.db.transaction(async (em) => {
      const membership = await em.findOne(MembershipEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const group = membership ? await em.findOneBy(PeerGroupEntity, { id: membership.groupId }) : null;
      const ownFirm = membership !== null && actor.firmId === membership.firmId;
      if (!membership || !group || (!ownFirm && !belongsToProgramme(actor, group.programmeId))) {
        throw ApiError.notFound('Membership');
      }
      if (status === 'left' && !ownFirm) throw ApiError.forbidden('Only the firm’s own people can leave a group for it');
      if (status === 'removed' && !facilitatesGroup(actor, group)) {
        throw ApiError.forbidden('Only the group’s facilitators and the programme’s managers can remove a firm');
      }
      if (membership.status !== 'active') {
        throw ApiError.conflict('membership_not_active', 'This membership has already ended');
      }
      await em.update(
        MembershipEntity,
        { id },
        { status, endedAt: new Date(), endReason: reason.trim(), endedById: actor.userId },
      );
      await this.bookings.releaseFirmSeats(em, membership.groupId, membership.firmId, actor.userId);
      return this.reload(em, id);
    });
  }

  private async reload(em: EntityManager, id: string): Promise<MembershipDto> {
    return toMembershipDto(await em.findOneOrFail(MembershipEntity, { where: { id }, relations: { group: true } }));
  }
}

function toMembershipDto(m: MembershipEntity): MembershipDto {
  return {
    id: m.id,
    groupId: m.groupId,
    groupName: m.group!.name,
    firmId: m.firmId,
    applicationId: m.applicationId,
    status: m.status,
    joinedAt: m.joinedAt,
    endedAt: m.endedAt,
    endReason: m.endReason,
  };
}
