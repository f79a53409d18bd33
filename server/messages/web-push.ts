import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import webpush from 'web-push';
import type { PushPayload } from '../../src/lib/shared/schemas-push';
import { prisonName } from '../../src/lib/shared/welsh-text';
import type { Database } from '../db/schema';
import type { PushEndpointPolicyOptions } from '../push/endpoint-policy';
import { serialisePayload, type PushUrgency } from './push-deliveries';
import { isAuthSecret, isP256PublicKey } from '../push/keys';
import { wordsOf } from '../email/render';
import { changePayload, decisionPayload, reminderPayload, type DecisionStatus } from '../push/messages';
import { pinnedAgent, resolvePushTarget, systemResolver, type PushResolver } from '../push/send-guard';
import type { VapidKeys } from '../push/vapid';
import { loadRequestTarget } from './facts';
import { deletePushSubscriptionById, type ClaimedDelivery } from './store';
import type { ChannelAdapter, SendOutcome } from './worker';

/*
 * The push channel: one delivery is one browser's subscription, sent with web-push. A push queued
 * with its words (an officer's new-request push) is sent as it is; a family's is written now, from
 * the request as it stands, in their message language.
 */

export interface PushSubscriptionTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface PushSendOptions {
	TTL: number;
	topic?: string;
	urgency: PushUrgency;
	vapidDetails: { subject: string; publicKey: string; privateKey: string };
	timeout: number;
	agent: Agent;
}

/** web-push's sendNotification, or a stand-in with the same contract (rejects on non-2xx). */
export type PushSender = (
	subscription: PushSubscriptionTarget,
	payload: string,
	options: PushSendOptions
) => Promise<{ statusCode: number }>;

export interface PushAdapterOptions {
	db: Kysely<Database>;
	vapid: VapidKeys;
	sender?: PushSender;
	/** Per-request timeout for the push service; keep it well inside the worker's lease. */
	timeoutMs?: number;
	/**
	 * TLS options for the push requests, as an https.Agent whose options are copied (tests: one that
	 * trusts the local stand-in's certificate). Each send gets its own agent pinned to the checked address.
	 */
	agent?: Agent;
	/** Which endpoints may be sent to (checked again before every send). Default: the public push services only. */
	endpointPolicy?: PushEndpointPolicyOptions;
	/** Resolves push service names at send time (tests: a stand-in DNS). */
	resolve?: PushResolver;
}

interface HttpError {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body?: string;
}

function asHttpError(error: unknown): HttpError | null {
	const candidate = error as Partial<HttpError> | null;
	return typeof candidate?.statusCode === 'number' ? (candidate as HttpError) : null;
}

/** The endpoint's origin only: the full URL is a capability and does not belong in logs or records. */
function originOf(endpoint: string): string {
	try {
		return new URL(endpoint).origin;
	} catch {
		return 'invalid';
	}
}

const defaultSender: PushSender = (subscription, payload, options) => webpush.sendNotification(subscription, payload, options);

/** The family's push for this delivery, written now; null when what it is about has gone. */
export async function renderFamilyPush(
	db: Kysely<Database>,
	delivery: ClaimedDelivery
): Promise<{ payload: PushPayload; language: string } | null> {
	const target = delivery.requestId ? await loadRequestTarget(db, delivery.requestId) : null;
	if (!target) return null;
	const facts = {
		requestId: target.facts.requestId,
		reference: target.facts.reference,
		prisonName: prisonName(target.facts.prison, target.language),
		date: target.facts.slot?.date ?? null,
		start: target.facts.slot?.start ?? null
	};
	const { language } = target;
	const payload =
		delivery.kind === 'reminder'
			? reminderPayload(facts, language)
			: delivery.kind === 'change_booked' || delivery.kind === 'change_party' || delivery.kind === 'change_rejected'
				? changePayload(delivery.kind, facts, language, wordsOf(delivery.kind, target.facts))
				: decisionPayload(delivery.kind as DecisionStatus, facts, language);
	return { payload, language };
}

export function pushAdapter(options: PushAdapterOptions): ChannelAdapter {
	const { db } = options;
	const sender = options.sender ?? defaultSender;
	const timeoutMs = options.timeoutMs ?? 15_000;
	const endpointPolicy = options.endpointPolicy ?? {};
	const resolve = options.resolve ?? systemResolver;
	const vapidDetails = { subject: options.vapid.subject, publicKey: options.vapid.publicKey, privateKey: options.vapid.privateKey };

	async function send(delivery: ClaimedDelivery): Promise<SendOutcome> {
		const { subscriptionId, endpoint, p256dh, auth } = delivery;
		// Unsubscribed between the claim's check and its join: rare, and nothing to send to.
		if (!subscriptionId || !endpoint || !p256dh || !auth)
			return { outcome: 'failed', code: 'unsubscribed', reason: 'browser unsubscribed' };
		const push = originOf(endpoint);
		const details = { subscriptionId, push };
		// Keys that can never be encrypted to (stored before they were checked): retrying won't help.
		if (!isP256PublicKey(p256dh) || !isAuthSecret(auth)) {
			await deletePushSubscriptionById(db, subscriptionId);
			return { outcome: 'removed', reason: 'push keys cannot be used', details };
		}
		const target = await resolvePushTarget(endpoint, endpointPolicy, resolve);
		if (!target.ok && target.permanent) {
			await deletePushSubscriptionById(db, subscriptionId);
			return { outcome: 'removed', reason: `push endpoint not allowed: ${target.reason}`, details };
		}
		const staleAt = new Date(delivery.createdAt.getTime() + delivery.ttl * 1000);
		if (!target.ok) return { outcome: 'retry', reason: target.reason, staleAt, details };

		let payload = delivery.payload;
		let language = delivery.language;
		if (payload === null) {
			const rendered = await renderFamilyPush(db, delivery);
			if (!rendered) return { outcome: 'failed', code: 'nothing_to_send', reason: 'no longer there', details };
			payload = serialisePayload(rendered.payload);
			language = rendered.language;
		}

		const agent = pinnedAgent(target, options.agent?.options);
		try {
			await sender({ endpoint: target.url, keys: { p256dh, auth } }, payload, {
				TTL: delivery.ttl,
				...(delivery.topic ? { topic: delivery.topic } : {}),
				urgency: delivery.urgency as PushUrgency,
				vapidDetails,
				timeout: timeoutMs,
				agent
			});
		} catch (error) {
			const http = asHttpError(error);
			const status = http?.statusCode;
			if (status === 404 || status === 410) {
				// The browser unsubscribed or the subscription expired: it will never work again.
				await deletePushSubscriptionById(db, subscriptionId);
				return {
					outcome: 'removed',
					reason: `push service answered ${status}`,
					detail: `push service answered ${status}`,
					details: { ...details, status }
				};
			}
			if (status === 413) {
				// The message is too big, not the subscription's fault: keep the subscription.
				return {
					outcome: 'failed',
					code: 'refused',
					reason: 'push service answered 413',
					detail: 'push service answered 413',
					provider: 'webpush',
					toMasked: push,
					details: { ...details, status }
				};
			}
			if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
				// The push service refuses this subscription for good (400 bad token, or 403 because it
				// was made with other VAPID keys): drop it.
				await deletePushSubscriptionById(db, subscriptionId);
				return {
					outcome: 'removed',
					reason: `push service answered ${status}`,
					detail: `push service answered ${status}`,
					details: { ...details, status }
				};
			}
			// 408, 429, 5xx, timeouts and network errors: try again later.
			const reason = status !== undefined ? `push service answered ${status}` : String((error as Error)?.message ?? error).slice(0, 200);
			return {
				outcome: 'retry',
				reason,
				...(http?.headers?.['retry-after'] !== undefined ? { retryAfter: http.headers['retry-after'] } : {}),
				staleAt,
				details: { ...details, ...(status !== undefined ? { status } : {}) }
			};
		} finally {
			agent.destroy();
		}
		return { outcome: 'sent', provider: 'webpush', toMasked: push, language, details };
	}

	return { channel: 'push', send };
}
