import type { MessageChannel } from '../shared/schemas';
import type { MessageRecord } from '../shared/answers';
import { callApi, params } from './api';
import { isApiFailure } from './api-result';
import { META, type BookAPrisonVisitDb } from './db';
import { pushSupport } from './push';

/*
 * How this family can be told, on this device: the channels the server has (asked, and kept for
 * when there is no signal), push only where this browser can receive it. With no answer ever
 * heard the page offers push alone (if it can): it never promises a text the service may not send.
 */

/** The channels the service has: asked now, else the last answer kept on the device (push alone if none). */
export async function serverChannels(db: BookAPrisonVisitDb): Promise<MessageChannel[]> {
	const answer = await callApi((api) => api.messages.channels.$get(), { cache: 'no-store' });
	if (!isApiFailure(answer)) {
		await db.meta.put({ key: META.messageChannels, value: answer.data.channels });
		return answer.data.channels;
	}
	const saved = (await db.meta.get(META.messageChannels))?.value;
	return Array.isArray(saved) ? (saved as MessageChannel[]) : ['push'];
}

/** The channels to offer on the check page. */
export async function offeredChannels(db: BookAPrisonVisitDb): Promise<MessageChannel[]> {
	const channels = await serverChannels(db);
	return channels.filter((channel) => channel !== 'push' || pushSupport() === 'supported');
}

/** What a family who has not chosen gets: every offered channel they gave an address for. */
export function defaultChannels(offered: readonly MessageChannel[], lead: { email: string; phone: string } | undefined): MessageChannel[] {
	return offered.filter(
		(channel) => channel === 'push' || (channel === 'email' ? Boolean(lead?.email.trim()) : Boolean(lead?.phone.trim()))
	);
}

/** A request's messages as its family sees them (the server's record); null with no answer (offline). */
export async function messagesOfRequest(requestId: string): Promise<MessageRecord[] | null> {
	const answer = await callApi((api) => api['visit-requests'][':id'].messages.$get({ param: params({ id: requestId }) }), {
		auth: 'device',
		cache: 'no-store'
	});
	return isApiFailure(answer) ? null : answer.data.messages;
}
