/**
 * The events baseline: a bare node:http server that stores each POST /api/events in its own
 * SQLite transaction (node:sqlite, WAL, synchronous FULL as the portal's store), with the
 * same table, and answers 204 after the commit. No validation beyond JSON, no limits, no
 * group commit: what one-transaction-per-request costs on this disk.
 *
 *   TASKFRONT_DB=/tmp/bare.sqlite node bench/bare-events-server.ts
 */
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const file = process.env.TASKFRONT_DB;
if (!file) {
  console.error('Set TASKFRONT_DB to the SQLite file to write.');
  process.exit(2);
}
const db = new DatabaseSync(file);
db.exec('PRAGMA journal_mode = WAL');
db.exec('PRAGMA synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, task TEXT, day TEXT NOT NULL, query TEXT, results INTEGER)');
const insert = db.prepare('INSERT OR IGNORE INTO events (id, type, task, day, query, results) VALUES (?, ?, ?, ?, ?, ?)');
const day = new Date().toISOString().slice(0, 10);

interface Event { id: string; type: string; task?: string; query?: string; results?: number }

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/events') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Event | { events: Event[] };
      const events = 'events' in body ? body.events : [body];
      db.exec('BEGIN');
      for (const event of events) insert.run(event.id, event.type, event.task ?? null, day, event.query ?? null, event.results ?? null);
      db.exec('COMMIT');
      res.writeHead(204).end();
    } catch {
      if (db.isTransaction) db.exec('ROLLBACK');
      res.writeHead(400).end();
    }
  });
});
server.listen(Number(process.env.PORT || 4401), process.env.HOST || '127.0.0.1', () => console.log('bare events listening'));
