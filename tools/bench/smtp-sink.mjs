// The SMTP server of `npm run bench:mail`, in its own process: takes every message, keeps only a
// count and the time of each arrival (no parsing), and answers on stdin/stdout:
//   "count\n" -> {"count": n, "last": <ms since epoch of the last arrival>}
//   "reset\n" -> {"count": 0}
// Prints {"port": p} when listening.
import { SMTPServer } from 'smtp-server';
import readline from 'node:readline';

let count = 0;
let last = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      count += 1;
      last = Date.now();
      callback(null);
    });
  },
});
server.on('error', (err) => {
  if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') console.error(err);
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.server.address().port }));
});
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reset') {
    count = 0;
    last = 0;
  }
  console.log(JSON.stringify({ count, last }));
});
