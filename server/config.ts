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
	REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(18),
	LIFECYCLE_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
	NEW_DEVICES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000_000).optional(),
	NEW_REQUESTS_PER_PRISON_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).optional(),
	TRUST_PROXY: booleanFlag.default(false),
	PUBLIC_URL: origin.optional(),
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
	/** The hour (prison time, 0–23) of the day before a visit when its reminder goes out. */
	reminderHour: number;
	/** How often the expiry and reminder job runs (default a minute); tests shorten it. */
	lifecycleEveryMs?: number;
	/** New visitor devices one address may register per hour (default 300, server/auth/middleware.ts). */
	newDevicesPerAddressPerHour?: number;
	/** New visit requests one prison accepts per minute (default in server/routes/visit-requests.ts). */
	newRequestsPerPrisonPerMinute?: number;
	/**
	 * Behind a reverse proxy: believe its X-Forwarded-For (last hop), X-Forwarded-Proto and
	 * X-Forwarded-Host. Off, those headers are ignored (anyone can send them).
	 */
	trustProxy: boolean;
	/** The origin people use (https://visits.example): the Origin check compares with it, not Host. */
	publicUrl?: string;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
		reminderHour: e.REMINDER_HOUR,
		...(e.LIFECYCLE_EVERY_SECONDS ? { lifecycleEveryMs: e.LIFECYCLE_EVERY_SECONDS * 1000 } : {}),
		...(e.NEW_DEVICES_PER_ADDRESS_PER_HOUR ? { newDevicesPerAddressPerHour: e.NEW_DEVICES_PER_ADDRESS_PER_HOUR } : {}),
		...(e.NEW_REQUESTS_PER_PRISON_PER_MINUTE ? { newRequestsPerPrisonPerMinute: e.NEW_REQUESTS_PER_PRISON_PER_MINUTE } : {}),
		trustProxy: e.TRUST_PROXY,
		...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
		logLevel: e.LOG_LEVEL
	};
}

/**
 * The default PostgreSQL pool: 8 connections per core, at least 10 (issue #17). A submit's write
 * waits mostly for its commit to reach the disk, and concurrent commits share one flush of the
 * write-ahead log, so more connections than cores in flight is what lets commits group; beyond
 * about this many, the 2-core bench machine measured no gain (docs/performance.md, Write path).
 */
export function databasePoolSize(cores = availableParallelism()): number {
	return Math.max(10, 8 * cores);
}
