import type { Params } from 'nestjs-pino';
import { AppConfig } from './config';

export interface LoggerOptions {
  /** Written as `name` on every line, so the lines of several processes can be told apart (e.g. `worker`). */
  name?: string;
  /** Pretty, single-line output; by default only in development when stdout is a terminal. */
  pretty?: boolean;
}

/** nestjs-pino's settings for every process: the level from the config, JSON lines unless a person is watching. */
export function loggerParams(config: AppConfig, options: LoggerOptions = {}): Params {
  // Pretty lines for a person watching a terminal in development; JSON lines otherwise (a file, a pipe, a log
  // collector), written straight to stdout without pino-pretty's worker thread.
  const pretty = options.pretty ?? (config.NODE_ENV === 'development' && process.stdout.isTTY);
  return {
    // No per-request middleware: the API's request line is written by configureApp's onResponse hook, which
    // costs a fraction of pino-http run through @fastify/middie (measured in docs/benchmarks.md). A process
    // without HTTP (the worker) has no requests to log.
    forRoutes: [],
    pinoHttp: {
      level: config.LOG_LEVEL,
      ...(options.name ? { name: options.name } : {}),
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
