// The one line per request goes through requestLineLogger (server/log.ts): the logger's own line,
// without the redaction that would cost more than a cached calendar answer. It must be the very
// line the logger writes, and the logger itself must still redact everything else.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestLineLogger } from '../../../server/log';

function capturing() {
	const lines: string[] = [];
	const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
	return { logger: createLogger({ level: 'info', destination }), lines };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));
const withoutTime = (line: string) => line.replace(/"time":\d+,/, '');

describe('the request line logger', () => {
	it('writes the line the logger writes for a request, and the logger still redacts', async () => {
		const { logger, lines } = capturing();
		const fields = { method: 'GET', route: '/api/prisons/:prisonId/slots', status: 304, ms: 0 };
		logger.info(fields, 'request');
		requestLineLogger(logger).info(fields, 'request');
		logger.info({ visitor: { email: 'someone@example.net' } }, 'other');
		await settled();
		expect(lines).toHaveLength(3);
		expect(withoutTime(lines[1]!)).toBe(withoutTime(lines[0]!));
		expect(withoutTime(lines[0]!)).toBe(
			'{"level":30,"method":"GET","route":"/api/prisons/:prisonId/slots","status":304,"ms":0,"msg":"request"}\n'
		);
		expect(lines[2]).not.toContain('someone@example.net');
	});

	it('keeps the logger level', () => {
		const { logger } = capturing();
		logger.level = 'warn';
		expect(requestLineLogger(logger).isLevelEnabled('info')).toBe(false);
	});
});
