// Server settings from the environment, checked once at start-up. Empty variables count as unset.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const booleanFlag = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((value) => value === '1' || value === 'true' || value === 'yes');

const origin = z.string().transform((value, ctx) => {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
		return url.origin;
	} catch {
		ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin like https://visits.example` });
		return z.NEVER;
	}
});

/**
 * An OpenID provider's issuer, used as given (discovery is at its /.well-known/openid-configuration):
 * https, or http only on this machine (a provider run for development or tests).
 */
const issuer = z.string().transform((value, ctx) => {
	try {
		const url = new URL(value);
		const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
		if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return value;
	} catch {
		// Reported below.
	}
	ctx.addIssue({ code: 'custom', message: `"${value}" is not an https:// issuer (http:// only on 127.0.0.1 or localhost)` });
	return z.NEVER;
});

const EnvSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
		.optional(),
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
	DATA_DIR: z.string().default('./data'),
	STATIC_DIR: z.string().default('./build'),
	SEED: z.enum(['demo', 'none']).default('demo'),
	DEMO_STAFF_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
	VAPID_SUBJECT: z
		.string()
		.regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// URL')
		.optional(),
	PUSH_ALLOW_INSECURE: booleanFlag.default(false),
	PUSH_ALLOWED_HOSTS: z
		.string()
		.transform((value) =>
			value
				.split(',')
				.map((part) => part.trim().toLowerCase())
				.filter(Boolean)
		)
		.pipe(z.array(z.string().regex(/^(\*|(\*\.)?[a-z0-9.-]+)$/, 'must be host names, *.suffix or *')))
		.optional(),
	PUSH_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
	REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).optional(),
	STAFF_EVENTS_KEEPALIVE_SECONDS: z.coerce.number().int().min(1).max(300).optional(),
	ALLOWED_ORIGINS: z
		.string()
		.default('')
		.transform((value) =>
			value
				.split(',')
				.map((part) => part.trim())
				.filter(Boolean)
		)
		.pipe(z.array(origin)),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\/[^/]/, 'must be an smtp:// or smtps:// URL, like smtp://user:pass@host:587')
		.optional(),
	MAIL_FROM: z
		.string()
		.regex(/^[^\r\n]+@[^\r\n]+$/, 'must be an email address, optionally with a name: Visits <visits@prison.example>')
		.optional(),
	NOTIFY_API_KEY: z
		.string()
		.regex(
			/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
			'must be a GOV.UK Notify API key (name-serviceid-secret)'
		)
		.optional(),
	NOTIFY_SMS_TEMPLATE_ID: z.uuid('must be a template id (a UUID)').optional(),
	NOTIFY_EMAIL_TEMPLATE_ID: z.uuid('must be a template id (a UUID)').optional(),
	NOTIFY_BASE_URL: origin.optional(),
	NOTIFY_CALLBACK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(18),
	LIFECYCLE_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
	NEW_DEVICES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000_000).optional(),
	NEW_REQUESTS_PER_PRISON_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).optional(),
	INTEGRATION_EVENTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
	TRUST_PROXY: booleanFlag.default(false),
	PUBLIC_URL: origin.optional(),
	STAFF_OIDC_ISSUER: issuer.optional(),
	STAFF_OIDC_CLIENT_ID: z.string().optional(),
	STAFF_OIDC_CLIENT_SECRET: z.string().optional(),
	STAFF_PASSWORD_LOGIN: z.enum(['on', 'off']).default('on'),
	ONE_LOGIN_ISSUER: issuer.optional(),
	ONE_LOGIN_CLIENT_ID: z.string().optional(),
	ONE_LOGIN_PRIVATE_KEY: z
		.string()
		// A PEM in one line of an env file has its line breaks written as \n.
		.transform((value) => value.replace(/\\n/g, '\n'))
		.refine(
			(value) => value.includes('-----BEGIN PRIVATE KEY-----'),
			'must be an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)'
		)
		.optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export interface Config {
	port: number;
	host: string;
	/** Set: PostgreSQL. Unset: embedded PGlite under dataDir. */
	databaseUrl?: string;
	/** PostgreSQL connections this process keeps (DATABASE_POOL_SIZE; default databasePoolSize()). */
	databasePoolSize?: number;
	dataDir: string;
	/** The built PWA (vite build output) served with an index.html fallback. */
	staticDir: string;
	seed: 'demo' | 'none';
	demoStaffPassword?: string;
	vapidSubject?: string;
	/** Lets web-push talk to http:// or self-signed endpoints (tests only). */
	pushAllowInsecure: boolean;
	/** Push service host names pushes may go to (`*.suffix`, `*`); unset: the public push services. */
	pushAllowedHosts?: string[];
	/**
	 * How long a push worker's claim on a job lasts (default 2 minutes): the time a job held by a
	 * process that died waits before another process sends it. Tests shorten it.
	 */
	pushLeaseMs?: number;
	/** A request (headers and body) must arrive within this, or it gets 408 (default 30 s, server/http/timeouts.ts). */
	requestTimeoutMs?: number;
	/**
	 * How often an open staff event stream sends a keep-alive and checks its session is still live
	 * (default 25 seconds). Tests shorten it.
	 */
	staffEventsKeepAliveMs?: number;
	/** Origins, besides the server's own, allowed to make cookie-authenticated writes. */
	allowedOrigins: string[];
	/** Set: visitors are also told by email, through this SMTP server (server/email/). */
	smtpUrl?: string;
	/** The From of those emails. */
	mailFrom: string;
	/** GOV.UK Notify (server/messages/gov-notify.ts): texts, and emails instead of SMTP when its email template is set. */
	notify?: NotifyConfig;
	/** The hour (prison time, 0–23) of the day before a visit when its reminder goes out. */
	reminderHour: number;
	/** How often the expiry and reminder job runs (default a minute); tests shorten it. */
	lifecycleEveryMs?: number;
	/** New visitor devices one address may register per hour (default 300, server/auth/middleware.ts). */
	newDevicesPerAddressPerHour?: number;
	/** New visit requests one prison accepts per minute (default in server/routes/visit-requests.ts). */
	newRequestsPerPrisonPerMinute?: number;
	/** Events one integration client may post per minute (429 after). */
	integrationEventsPerMinute?: number;
	/**
	 * Behind a reverse proxy: believe its X-Forwarded-For (last hop), X-Forwarded-Proto and
	 * X-Forwarded-Host. Off, those headers are ignored (anyone can send them).
	 */
	trustProxy: boolean;
	/** The origin people use (https://visits.example): the Origin check compares with it, not Host. */
	publicUrl?: string;
	/** Staff sign in with their organisation's identity provider (OpenID Connect) when set. */
	staffOidc?: { issuer: string; clientId: string; clientSecret: string };
	/** False when STAFF_PASSWORD_LOGIN=off: staff sign in only through staffOidc. */
	staffPasswordLogin: boolean;
	/** Visitors may sign in with GOV.UK One Login when set (private_key_jwt with this RSA key). */
	oneLogin?: { issuer: string; clientId: string; privateKeyPem: string };
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface NotifyConfig {
	apiKey: string;
	/** Set: texts are sent (the one template whose body is ((body))). */
	smsTemplateId?: string;
	/** Set: emails go through Notify rather than SMTP (body ((body)), subject ((subject))). */
	emailTemplateId?: string;
	/** Notify's API (tests: a local stand-in); unset: the client's own, the production API. */
	baseUrl?: string;
	/** The bearer token Notify's delivery receipts carry (POST /api/notify/callback); unset: receipts refused. */
	callbackToken?: string;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration: ${problems.join('; ')}`);
		this.name = 'ConfigError';
	}
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
	const parsed = EnvSchema.safeParse(present);
	if (!parsed.success) {
		throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
	}
	const e = parsed.data;
	const problems = [
		...partlySet('STAFF_OIDC', [e.STAFF_OIDC_ISSUER, e.STAFF_OIDC_CLIENT_ID, e.STAFF_OIDC_CLIENT_SECRET]),
		...partlySet('ONE_LOGIN', [e.ONE_LOGIN_ISSUER, e.ONE_LOGIN_CLIENT_ID, e.ONE_LOGIN_PRIVATE_KEY])
	];
	// With passwords off and no provider, no officer could ever sign in.
	if (e.STAFF_PASSWORD_LOGIN === 'off' && !e.STAFF_OIDC_ISSUER)
		problems.push('STAFF_PASSWORD_LOGIN: off needs STAFF_OIDC_ISSUER and its client');
	if (problems.length > 0) throw new ConfigError(problems);
	return {
		port: e.PORT,
		host: e.HOST,
		...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
		databasePoolSize: e.DATABASE_POOL_SIZE ?? databasePoolSize(),
		dataDir: e.DATA_DIR,
		staticDir: e.STATIC_DIR,
		seed: e.SEED,
		...(e.DEMO_STAFF_PASSWORD ? { demoStaffPassword: e.DEMO_STAFF_PASSWORD } : {}),
		...(e.VAPID_SUBJECT ? { vapidSubject: e.VAPID_SUBJECT } : {}),
		pushAllowInsecure: e.PUSH_ALLOW_INSECURE,
		...(e.PUSH_ALLOWED_HOSTS?.length ? { pushAllowedHosts: e.PUSH_ALLOWED_HOSTS } : {}),
		...(e.PUSH_LEASE_SECONDS ? { pushLeaseMs: e.PUSH_LEASE_SECONDS * 1000 } : {}),
		...(e.REQUEST_TIMEOUT_SECONDS ? { requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000 } : {}),
		...(e.STAFF_EVENTS_KEEPALIVE_SECONDS ? { staffEventsKeepAliveMs: e.STAFF_EVENTS_KEEPALIVE_SECONDS * 1000 } : {}),
		allowedOrigins: e.ALLOWED_ORIGINS,
		...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
		mailFrom: e.MAIL_FROM ?? 'Book a prison visit <no-reply@visits.invalid>',
		...(e.NOTIFY_API_KEY
			? {
					notify: {
						apiKey: e.NOTIFY_API_KEY,
						...(e.NOTIFY_SMS_TEMPLATE_ID ? { smsTemplateId: e.NOTIFY_SMS_TEMPLATE_ID } : {}),
						...(e.NOTIFY_EMAIL_TEMPLATE_ID ? { emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID } : {}),
						...(e.NOTIFY_BASE_URL ? { baseUrl: e.NOTIFY_BASE_URL } : {}),
						...(e.NOTIFY_CALLBACK_TOKEN ? { callbackToken: e.NOTIFY_CALLBACK_TOKEN } : {})
					}
				}
			: {}),
		reminderHour: e.REMINDER_HOUR,
		...(e.LIFECYCLE_EVERY_SECONDS ? { lifecycleEveryMs: e.LIFECYCLE_EVERY_SECONDS * 1000 } : {}),
		...(e.NEW_DEVICES_PER_ADDRESS_PER_HOUR ? { newDevicesPerAddressPerHour: e.NEW_DEVICES_PER_ADDRESS_PER_HOUR } : {}),
		...(e.NEW_REQUESTS_PER_PRISON_PER_MINUTE ? { newRequestsPerPrisonPerMinute: e.NEW_REQUESTS_PER_PRISON_PER_MINUTE } : {}),
		...(e.INTEGRATION_EVENTS_PER_MINUTE ? { integrationEventsPerMinute: e.INTEGRATION_EVENTS_PER_MINUTE } : {}),
		trustProxy: e.TRUST_PROXY,
		...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
		...(e.STAFF_OIDC_ISSUER && e.STAFF_OIDC_CLIENT_ID && e.STAFF_OIDC_CLIENT_SECRET
			? { staffOidc: { issuer: e.STAFF_OIDC_ISSUER, clientId: e.STAFF_OIDC_CLIENT_ID, clientSecret: e.STAFF_OIDC_CLIENT_SECRET } }
			: {}),
		staffPasswordLogin: e.STAFF_PASSWORD_LOGIN === 'on',
		...(e.ONE_LOGIN_ISSUER && e.ONE_LOGIN_CLIENT_ID && e.ONE_LOGIN_PRIVATE_KEY
			? { oneLogin: { issuer: e.ONE_LOGIN_ISSUER, clientId: e.ONE_LOGIN_CLIENT_ID, privateKeyPem: e.ONE_LOGIN_PRIVATE_KEY } }
			: {}),
		logLevel: e.LOG_LEVEL
	};
}

/** A provider half configured is a mistake to say at start, not a sign-in button that fails. */
function partlySet(prefix: string, values: Array<string | undefined>): string[] {
	const set = values.filter(Boolean).length;
	return set > 0 && set < values.length
		? [`${prefix}_*: set all three of ${prefix}_ISSUER, its client id and its client secret or key, or none`]
		: [];
}

/**
 * The default PostgreSQL pool: 8 connections per core, at least 10. A submit's write
 * waits mostly for its commit to reach the disk, and concurrent commits share one flush of the
 * write-ahead log, so more connections than cores in flight is what lets commits group; beyond
 * about this many, the 2-core bench machine measured no gain (docs/performance.md, Write path).
 */
export function databasePoolSize(cores = availableParallelism()): number {
	return Math.max(10, 8 * cores);
}
