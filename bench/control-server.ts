// The control: a bare Hono route on @hono/node-server answering a small JSON, run in its own
// process like the API server, so every headline figure can be a ratio to it from the same run.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.json({ ok: true, service: 'control' }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => server.close(() => process.exit(0)));
