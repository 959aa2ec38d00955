import type { FastifyAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import { tokenFrom, SessionService } from '@roundtable/server-auth';
import { ApiError, ContentSecurityPolicy, ErrorBody } from '@roundtable/server-core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { NotificationQueues } from './notification-queues.service';

/** Where the queue dashboard (Bull Board) is served: its page, its files and its JSON API. */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * The dashboard's Content-Security-Policy (for securityHeaderWriter): its own scripts, styles and
 * images, and the inline styles its page and React write. Nothing from elsewhere: the page links a
 * Google Fonts stylesheet, which is refused, so no admin's address reaches Google (system fonts
 * stand in).
 */
export const QUEUE_DASHBOARD_CSP: ContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
};

const logger = new Logger('QueueDashboard');

function send(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(body.statusCode).header('Content-Type', 'application/json; charset=utf-8').send(body);
}

/** Whatever the dashboard's routes (or the API's hooks before them) throw, in the API's one error shape. */
function errorAnswer(error: Error): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    return { status: error.status, body: { statusCode: error.status, code: error.code, message: error.message } };
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (STATUS_CODES[status] ?? 'bad request').toLowerCase().replace(/[^a-z]+/g, '_');
    return { status, body: { statusCode: status, code, message: error.message || (STATUS_CODES[status] ?? 'Bad request') } };
  }
  logger.error(error.stack ?? error.message);
  return { status: 500, body: { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side' } };
}

/**
 * Mounts Bull Board for the delivery and schedule queues under QUEUE_DASHBOARD_PATH, for admins only.
 * Bull Board is a Fastify plugin, not a Nest route, so the global AuthGuard never sees its requests:
 * the same session check runs here instead, in an `onRequest` hook of the dashboard's own context
 * (the session cookie or a Bearer token, resolved by SessionService): 401 without a live session,
 * 403 for anyone but an admin, in the API's error shape, before any of Bull Board's code runs. The
 * API's own hooks (security headers, cross-site writes, JSON-only bodies) run before it, as for
 * every route.
 */
export async function registerQueueDashboard(
  fastify: FastifyInstance,
  deps: { queues: NotificationQueues; sessions: SessionService },
): Promise<void> {
  // Loaded here rather than at the top: the worker and the CLI import this library but never serve the
  // dashboard, and Bull Board's modules take a sixth of a second to load.
  const [{ createBullBoard }, { BullMQAdapter }, board] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const serverAdapter: FastifyAdapter = new board.FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(deps.queues.deliveries, {
        description: 'One job per email, by notification id: the relay hands over due rows, the worker sends them',
      }),
      new BullMQAdapter(deps.queues.schedules, {
        description: 'Recurring work: the relay tick, facilitator briefs and meeting recaps',
      }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Roundtable queues', hideDocsLink: true } },
  });
  // After createBullBoard, which sets its own: errors in the API's shape, never a stack.
  // (Its type lists the statuses Bull Board itself answers; ours include 401 and 415.)
  serverAdapter.setErrorHandler(errorAnswer as Parameters<FastifyAdapter['setErrorHandler']>[0]);

  await fastify.register(
    async (dashboard: FastifyInstance) => {
      dashboard.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        const token = tokenFrom(req);
        const actor = token ? await deps.sessions.resolve(token) : null;
        if (!actor) {
          return send(reply, {
            statusCode: 401,
            code: 'unauthenticated',
            message: 'Sign in to continue: the session is missing, expired or ended',
          });
        }
        if (!actor.isAdmin) {
          return send(reply, { statusCode: 403, code: 'forbidden', message: 'The queue dashboard is for admins only' });
        }
      });
      await dashboard.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
