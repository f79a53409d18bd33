import { Hono } from 'hono';
import { localeFromAcceptLanguage, t, tPlural } from '../../src/lib/shared/i18n';
import { mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import { VisitRequestInput } from '../../src/lib/shared/schemas';
import { ClaimInput } from '../../src/lib/shared/schemas-prisoners';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { AppDeps } from '../app-deps';
import { requireDevice, type DeviceEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { clientAddress } from '../http/client-address';
import { rateLimit, rateLimitedError, RateLimiter } from '../http/rate-limit';
import { validate } from '../http/validation';
import { serviceChannels } from '../messages/channels';
import { statusNoticeHook } from '../messages/notices';
import { ownedBy } from '../accounts/ownership';
import { claimRequest } from '../requests/claims';
import { rememberVisitors } from '../accounts/accounts';
import { withPass, withPasses } from '../gate/pass';
import { requestsQuery, toVisitRequest, toVisitRequests } from '../requests/repository';
import { ruleProblemsOfMalformedRequest } from '../requests/rule-problems';
import { submitVisitRequest } from '../requests/submit';
import { cancelByVisitor, withdrawRequest } from '../requests/visitor-actions';
import { VisitRequestAnswer, VisitRequestListAnswer } from '../openapi/answers';
import { docs, error, json } from '../openapi/describe';
import { requestChange, withdrawChange } from '../requests/changes';
import { ChangeInput } from '../../src/lib/shared/schemas-change';

/**
 * Submissions per device, not per address (many phones share a carrier's address). A phone that was
 * offline for a week may send ten requests at once (PRODUCT.md), plus retries of lost answers, so a
 * burst of 20 passes; then one a minute.
 */
export const SUBMIT_LIMIT = { capacity: 20, refillEveryMs: 60_000 } as const;

/**
 * New requests one prison takes per minute (NEW_REQUESTS_PER_PRISON_PER_MINUTE), whichever phones
 * send them: a ceiling on floods from many new devices. A replay of a stored request
 * is not counted, nor one the prison's rules refuse (it would empty the prison's limit for real
 * families). A refused phone keeps the request in its outbox and tries again after Retry-After.
 */
export const NEW_REQUESTS_PER_PRISON_PER_MINUTE = 120;

/**
 * How many new requests a prison takes at once before the per-minute rate applies: as many as the
 * places its booking window offers (at least the per-minute figure). When a booking window opens
 * or a network comes back, every family that could get a place is let in at once; more than that
 * cannot all be genuine, and the rest wait at the per-minute rate.
 */
function prisonBurst(perMinute: number, placesInWindow: number): number {
	return Math.max(perMinute, placesInWindow);
}

/**
 * Claims by reference, per device and per address: enough for a family to mistype a few times, far
 * too few to guess references (25^8 of them, and the lead visitor's date of birth must match too).
 */
export const CLAIM_LIMITS = {
	device: { capacity: 5, refillEveryMs: 10 * 60_000 },
	address: { capacity: 30, refillEveryMs: 60_000 },
	/**
	 * Wrong claims of one reference, from any devices and addresses (the claim page says so): 10, then
	 * one an hour. Held in the database (rate_limits), so every server process counts against the same bucket.
	 */
	reference: { capacity: 10, refillEveryMs: 60 * 60_000 }
} as const;

/** The visitor's side: a device sees and acts on only the requests it made. */
export function visitRequestRoutes(deps: AppDeps) {
	const submits = new RateLimiter(deps.db, 'submit-device', { ...SUBMIT_LIMIT, clock: deps.clock });
	const perPrisonMinute = deps.config.newRequestsPerPrisonPerMinute ?? NEW_REQUESTS_PER_PRISON_PER_MINUTE;
	const claimsPerDevice = new RateLimiter(deps.db, 'claim-device', { ...CLAIM_LIMITS.device, clock: deps.clock });
	const claimsPerAddress = new RateLimiter(deps.db, 'claim-address', { ...CLAIM_LIMITS.address, clock: deps.clock });
	const claimsPerReference = new RateLimiter(deps.db, 'claim-reference', { ...CLAIM_LIMITS.reference, clock: deps.clock });
	const perPrison = new RateLimiter(deps.db, 'submit-prison', {
		capacity: perPrisonMinute,
		refillEveryMs: 60_000 / perPrisonMinute,
		clock: deps.clock
	});

	// A body that fails the schema still hears what the rules say of its well-formed parts (when the
	// database can say: if it cannot, the schema's 400 alone is still the right answer).
	const everyProblem = {
		problems: (body: unknown) => ruleProblemsOfMalformedRequest(deps.db, body, deps.clock()).catch(() => ({})),
		merge: mergeRequestErrors
	};

	return (
		new Hono<DeviceEnv>()
			.use(requireDevice(deps))
			.post(
				'/',
				docs({
					summary: 'Send a visit request (the id is made by the device: sending it again answers with the stored request)',
					tags: ['visitor'],
					answers: {
						201: json(
							VisitRequestAnswer,
							'Stored: status booked (with its pass) when an instant prison booked it at once, else requested with review reasons'
						),
						200: json(VisitRequestAnswer, 'Sent before: the stored request'),
						409: error('The id is taken by a different request (id_conflict)'),
						422: error("The prison's rules refuse it (unprocessable, fields say why), or online booking is off (online_booking_off)"),
						429: error('Too many requests from this device or to this prison (rate_limited); Retry-After says when')
					}
				}),
				rateLimit<DeviceEnv>(submits, (c) => c.var.device.id),
				validate('json', VisitRequestInput, everyProblem),
				async (c) => {
					const now = deps.clock();
					const input = c.req.valid('json');
					const result = await submitVisitRequest(deps.db, {
						input,
						deviceId: c.var.device.id,
						now,
						language: localeFromAcceptLanguage(c.req.header('accept-language')),
						channels: serviceChannels(deps.config),
						// Neither a replay of a stored request nor one the rules refuse is counted against the prison.
						beforeNew: async (prison) => {
							const taken = await perPrison.take(prison.id, { capacity: prisonBurst(perPrisonMinute, prison.placesInWindow) });
							if (!taken.allowed)
								throw rateLimitedError(taken.retryAfterSeconds, tPlural('api.request.tooManyForPrison', taken.retryAfterSeconds));
						}
					});
					if (result.created) {
						deps.announce({ type: 'visit-request.created', prisonId: result.request.prisonId, requestId: result.request.id });
						// A signed-in family keeps these visitors to pick from next time (nothing if signed out).
						await rememberVisitors(deps.db, c.var.device.id, input.visitors, now);
					}
					// A visit booked at once carries its pass, so the device shows it straight away.
					const request = result.request.status === 'booked' ? await withPass(deps.db, result.request) : result.request;
					return c.json(request, result.created ? 201 : 200);
				}
			)
			.post(
				'/claim',
				docs({
					summary: "Claim a request made on another device (or by staff) by its reference and the lead visitor's date of birth",
					tags: ['visitor'],
					answers: {
						200: json(VisitRequestAnswer, 'Claimed: this device now sees it'),
						404: error('No request matches the reference and date of birth'),
						429: error('Too many claims from this device or address, or too many wrong claims of this reference (rate_limited)')
					}
				}),
				rateLimit<DeviceEnv>(claimsPerAddress, (c) => clientAddress(c, deps.config)),
				rateLimit<DeviceEnv>(claimsPerDevice, (c) => c.var.device.id),
				validate('json', ClaimInput),
				async (c) => {
					const input = c.req.valid('json');
					// Taken before trying (so concurrent guesses cannot pass together) and given back for a right
					// claim: only wrong ones count. The reference is in its one written form (the schema's).
					const taken = await claimsPerReference.take(input.reference);
					if (!taken.allowed) throw rateLimitedError(taken.retryAfterSeconds, t('api.claim.tooManyForReference'));
					const claimed = await claimRequest(deps.db, { ...input, deviceId: c.var.device.id, now: deps.clock() });
					await claimsPerReference.giveBack(input.reference);
					return c.json(await withPass(deps.db, claimed));
				}
			)
			.get(
				'/',
				docs({
					summary: "This device's requests, newest first",
					tags: ['visitor'],
					answers: { 200: json(VisitRequestListAnswer, 'The requests') }
				}),
				async (c) => {
					const rows = await requestsQuery(deps.db).where(ownedBy(c.var.device.id)).orderBy('createdAt', 'desc').limit(200).execute();
					return c.json({ requests: await withPasses(deps.db, await toVisitRequests(deps.db, rows)) }, 200);
				}
			)
			.get(
				'/:id',
				docs({
					summary: "One of this device's requests",
					tags: ['visitor'],
					answers: { 200: json(VisitRequestAnswer, 'The request'), 404: error("Not one of this device's requests") }
				}),
				async (c) => {
					const id = c.req.param('id');
					const row = isUuid(id)
						? await requestsQuery(deps.db).where('id', '=', id).where(ownedBy(c.var.device.id)).executeTakeFirst()
						: undefined;
					if (!row) throw ApiError.notFound(t('api.request.notFound'));
					return c.json(await withPass(deps.db, await toVisitRequest(deps.db, row)), 200);
				}
			)
			.post(
				'/:id/withdraw',
				docs(visitorAction$('Withdraw a request not yet decided', 'It has been decided: error.details says how')),
				async (c) => {
					const request = await withdrawRequest(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
					announceStatusChange(deps, request, 'requested');
					return c.json(request, 200);
				}
			)
			.post(
				'/:id/cancel',
				docs(visitorAction$('Cancel a booked visit', 'It is not booked, or the visit has started (visit_started)')),
				async (c) => {
					const request = await cancelByVisitor(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
					announceStatusChange(deps, request, 'booked');
					return c.json(request, 200);
				}
			)
			// Changing a booked visit: the visit stays booked until staff decide.
			.post(
				'/:id/change',
				docs({
					summary:
						'Ask to change a booked visit: up to three new times (`slots`), who is coming (`visitors`, the whole new party), or both. It stays booked as it was until staff decide; an instant-booking prison applies a change nothing stands in the way of at once',
					tags: ['visitor'],
					answers: {
						200: json(
							VisitRequestAnswer,
							'The visit, still booked as it was and carrying the pending change, or (instant booking, nothing in the way) with the change applied and `changeOutcome.status = "confirmed"`'
						),
						400: error('Malformed body: neither slots nor visitors, or a visitor with a missing or invalid field (fields name each one)'),
						404: error("Not one of this device's requests"),
						409: error(
							'Not booked, the visit has started, a change is already pending, or the id is taken by a different change (error.details says how)'
						),
						422: error(
							"The prison's rules refuse the new times or the new party (fields say why, e.g. `slots.0`, `visitors.0.dateOfBirth`)"
						)
					}
				}),
				validate('json', ChangeInput),
				async (c) => {
					const { requestId, deviceId, now } = visitorAction(deps, c.req.param('id'), c.var.device.id);
					const result = await requestChange(
						deps.db,
						{ requestId, deviceId, now, channels: serviceChannels(deps.config) },
						c.req.valid('json')
					);
					if (result.created) deps.announce({ type: 'visit-request.change-requested', prisonId: result.request.prisonId, requestId });
					return c.json(await withPass(deps.db, result.request), 200);
				}
			)
			.post(
				'/:id/change/withdraw',
				docs(
					visitorAction$(
						'Withdraw a pending change (the booking stands as it was)',
						'The change was decided already (error.details says how)'
					)
				),
				async (c) => {
					const { requestId, deviceId, now } = visitorAction(deps, c.req.param('id'), c.var.device.id);
					const request = await withdrawChange(deps.db, { requestId, deviceId, now });
					deps.announce({ type: 'visit-request.change-requested', prisonId: request.prisonId, requestId });
					return c.json(await withPass(deps.db, request), 200);
				}
			)
	);
}

function visitorAction$(summary: string, conflict: string) {
	return {
		summary,
		tags: ['visitor'],
		answers: {
			200: json(VisitRequestAnswer, 'The request as it is now'),
			404: error("Not one of this device's requests"),
			409: error(conflict)
		}
	};
}

function visitorAction(deps: AppDeps, requestId: string, deviceId: string) {
	if (!isUuid(requestId)) throw ApiError.notFound(t('api.request.notFound'));
	return { requestId, deviceId, now: deps.clock(), onChanged: statusNoticeHook(serviceChannels(deps.config)) };
}

function announceStatusChange(deps: AppDeps, request: VisitRequest, from: VisitRequest['status']) {
	deps.announce({ type: 'visit-request.status-changed', prisonId: request.prisonId, requestId: request.id, from, to: request.status });
}
