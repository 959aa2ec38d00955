import { account } from './account';
import { common } from './common';
import { facilitator } from './facilitator';
import { manager } from './manager';
import { member } from './member';
import { metrics } from './metrics';

/** English, complete: every text the app shows. A second language is another object with the same keys. */
export const en = { ...common, ...account, ...member, ...facilitator, ...manager, ...metrics };
export type MessageId = keyof typeof en;
