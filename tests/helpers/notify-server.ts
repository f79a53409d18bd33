import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local stand-in for GOV.UK Notify's API (v2), for tests: it checks what the official client
 * really sends and answers as Notify documents. A request must carry a JWT signed HS256 with the
 * API key's secret, whose `iss` is the key's service id and whose `iat` is recent (else 403
 * AuthError); a known template id and the personalisation that template needs (else 400
 * BadRequestError); a UK mobile number or an email address. A sent message answers 201 with
 * Notify's body; `failNext` makes the next calls answer an error in Notify's shape
 * (`{"errors":[{"error","message"}],"status_code"}`).
 */

export interface NotifyKey {
	serviceId: string;
	secret: string;
	/** What NOTIFY_API_KEY holds: name-serviceId-secret. */
	apiKey: string;
}

export function makeNotifyKey(name = 'test_key'): NotifyKey {
	const serviceId = randomUUID();
	const secret = randomUUID();
	return { serviceId, secret, apiKey: `${name}-${serviceId}-${secret}` };
}

export interface ReceivedNotification {
	id: string;
	type: 'sms' | 'email';
	/** The phone number or email address, as sent. */
	to: string;
	templateId: string;
	personalisation: Record<string, string>;
	reference: string | undefined;
	/** The JWT's claims, once checked. */
	claims: { iss: string; iat: number };
}

export interface NotifyServer {
	url: string;
	key: NotifyKey;
	smsTemplateId: string;
	emailTemplateId: string;
	received: ReceivedNotification[];
	/** Calls refused (auth, bad request or a failNext), by status. */
	refused: number[];
	/** The next `count` sends answer `status` with this Notify error. */
	failNext(count: number, status: number, error?: { error: string; message: string }): void;
	env(): Record<string, string>;
	close(): Promise<void>;
}

/** Checks an HS256 JWT as Notify does; returns its claims or why not. */
function verifyJwt(token: string, secret: string): { iss: string; iat: number } | string {
	const parts = token.split('.');
	if (parts.length !== 3) return 'not a JWT';
	const [header, payload, signature] = parts as [string, string, string];
	const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string; typ?: string };
	if (parsedHeader.alg !== 'HS256') return `alg ${parsedHeader.alg}`;
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature';
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: unknown; iat?: unknown };
	if (typeof claims.iss !== 'string' || typeof claims.iat !== 'number') return 'claims';
	if (Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'iat';
	return { iss: claims.iss, iat: claims.iat };
}

const UK_MOBILE = /^(?:(?:\+|00)44|0)7\d{9}$/;

export async function startNotifyServer(): Promise<NotifyServer> {
	const key = makeNotifyKey();
	const smsTemplateId = randomUUID();
	const emailTemplateId = randomUUID();
	const received: ReceivedNotification[] = [];
	const refused: number[] = [];
	const failures: { status: number; error: { error: string; message: string } }[] = [];

	function answer(res: ServerResponse, status: number, body: unknown) {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	}
	function refuse(res: ServerResponse, status: number, error: string, message: string) {
		refused.push(status);
		answer(res, status, { errors: [{ error, message }], status_code: status });
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const type = req.url === '/v2/notifications/sms' ? 'sms' : req.url === '/v2/notifications/email' ? 'email' : null;
		if (req.method !== 'POST' || !type) return refuse(res, 404, 'NotFound', 'Not found');

		const auth = req.headers.authorization ?? '';
		if (!auth.startsWith('Bearer ')) return refuse(res, 401, 'AuthError', 'Unauthorized: authentication token must be provided');
		const claims = verifyJwt(auth.slice('Bearer '.length), key.secret);
		if (typeof claims === 'string') return refuse(res, 403, 'AuthError', `Invalid token: ${claims}`);
		if (claims.iss !== key.serviceId) return refuse(res, 403, 'AuthError', 'Invalid token: service not found');

		const failure = failures.shift();
		if (failure) return refuse(res, failure.status, failure.error.error, failure.error.message);

		const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
			template_id?: string;
			phone_number?: string;
			email_address?: string;
			personalisation?: Record<string, string>;
			reference?: string;
		};
		const templateId = type === 'sms' ? smsTemplateId : emailTemplateId;
		if (body.template_id !== templateId) return refuse(res, 400, 'BadRequestError', 'Template not found');
		const personalisation = body.personalisation ?? {};
		const needs = type === 'sms' ? ['body'] : ['subject', 'body'];
		const missing = needs.filter((name) => typeof personalisation[name] !== 'string' || personalisation[name] === '');
		if (missing.length > 0) return refuse(res, 400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
		const to = type === 'sms' ? body.phone_number : body.email_address;
		if (type === 'sms' && !(typeof to === 'string' && UK_MOBILE.test(to.replace(/[\s()-]/g, '')))) {
			return refuse(res, 400, 'ValidationError', 'phone_number Not a UK mobile number');
		}
		if (type === 'email' && !(typeof to === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to))) {
			return refuse(res, 400, 'ValidationError', 'email_address Not a valid email address');
		}

		const id = randomUUID();
		received.push({ id, type, to: to!, templateId, personalisation, reference: body.reference, claims });
		const template = { id: templateId, version: 1, uri: `${url}/v2/template/${templateId}` };
		answer(res, 201, {
			id,
			reference: body.reference ?? null,
			content:
				type === 'sms'
					? { body: personalisation.body, from_number: 'GOVUK' }
					: { body: personalisation.body, subject: personalisation.subject, from_email: 'visits@notifications.service.gov.uk' },
			uri: `${url}/v2/notifications/${id}`,
			template
		});
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => refuse(res, 500, 'Exception', 'Internal server error'));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		key,
		smsTemplateId,
		emailTemplateId,
		received,
		refused,
		failNext(count, status, error = { error: status === 429 ? 'RateLimitError' : 'Exception', message: `answered ${status}` }) {
			for (let i = 0; i < count; i++) failures.push({ status, error });
		},
		env: () => ({
			NOTIFY_API_KEY: key.apiKey,
			NOTIFY_SMS_TEMPLATE_ID: smsTemplateId,
			NOTIFY_EMAIL_TEMPLATE_ID: emailTemplateId,
			NOTIFY_BASE_URL: url
		}),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
