import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_CATEGORIES, NotificationCategory, NotificationPreferences } from '@roundtable/domain';
import { APP_CONFIG, AppConfig, ApiError } from '@roundtable/server-core';
import { UnsubscribeCategory, verifyUnsubscribeToken } from '@roundtable/server-mail';
import { DataSource } from 'typeorm';
import { NotificationPreferencesDto } from './dto/notification-preferences.dto';

// The worker signs unsubscribe links for the mail's categories and checks the preference of the same
// name: the two lists must be one list.
const SAME_CATEGORIES: [NotificationCategory, UnsubscribeCategory] extends [UnsubscribeCategory, NotificationCategory]
  ? true
  : never = true;
void SAME_CATEGORIES;

/** A signed, well-formed unsubscribe token: `<payload>.<HMAC-SHA256>`, both base64url. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/;

const LINK_INVALID = 'This unsubscribe link is not valid: it was altered or cut short, or its account no longer exists';

export interface UnsubscribeState {
  category: NotificationCategory;
  /** Whether that mail is on right now. */
  enabled: boolean;
}

/**
 * The switches for the mail a person may turn off, and the one-click unsubscribe that turns one off
 * from a link. Every write merges into the stored switches in one statement (`||`), so two changes
 * at once (a settings page and a mail provider's one-click) both hold; the database's check keeps the
 * shape. The worker reads them when it sends.
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<NotificationPreferencesDto> {
    const [row] = (await this.db.query(`SELECT notification_preferences AS p FROM app_user WHERE id = $1`, [userId])) as {
      p: NotificationPreferences;
    }[];
    if (!row) throw ApiError.notFound('Account');
    return toDto(row.p);
  }

  async update(userId: string, changes: Partial<NotificationPreferences>): Promise<NotificationPreferencesDto> {
    const patch = Object.fromEntries(NOTIFICATION_CATEGORIES.filter((c) => changes[c] !== undefined).map((c) => [c, changes[c]]));
    if (Object.keys(patch).length === 0) return this.get(userId);
    const [rows] = (await this.db.query(
      `UPDATE app_user SET notification_preferences = notification_preferences || $2::jsonb, updated_at = now()
        WHERE id = $1 RETURNING notification_preferences AS p`,
      [userId, JSON.stringify(patch)],
    )) as [{ p: NotificationPreferences }[], number];
    if (!rows.length) throw ApiError.notFound('Account');
    return toDto(rows[0].p);
  }

  /** What an unsubscribe link would turn off, and whether it is on now; 404 for a link that is not ours. */
  async peek(token: string): Promise<UnsubscribeState> {
    const { userId, category } = this.verify(token);
    const [row] = (await this.db.query(
      `SELECT (notification_preferences ->> $2)::boolean AS enabled FROM app_user WHERE id = $1`,
      [userId, category],
    )) as { enabled: boolean }[];
    if (!row) throw new ApiError(404, 'not_found', LINK_INVALID);
    return { category, enabled: row.enabled };
  }

  /** Turns the link's category off for the link's person (RFC 8058 one-click): the token is the only credential. */
  async unsubscribe(token: string): Promise<UnsubscribeState> {
    const { userId, category } = this.verify(token);
    const [rows] = (await this.db.query(
      `UPDATE app_user SET notification_preferences = notification_preferences || jsonb_build_object($2::text, false),
              updated_at = now()
        WHERE id = $1 RETURNING id`,
      [userId, category],
    )) as [unknown[], number];
    if (!rows.length) throw new ApiError(404, 'not_found', LINK_INVALID);
    return { category, enabled: false };
  }

  private verify(token: string): { userId: string; category: NotificationCategory } {
    const payload = verifyUnsubscribeToken(this.config.SIGNING_SECRET, token);
    // A signed user id that is not a uuid would only fail in the query: it is not a link of ours either.
    if (!payload || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(payload.userId)) {
      throw new ApiError(404, 'not_found', LINK_INVALID);
    }
    return payload;
  }
}

function toDto(p: NotificationPreferences): NotificationPreferencesDto {
  return { reminders: p.reminders, recaps: p.recaps, briefs: p.briefs };
}
