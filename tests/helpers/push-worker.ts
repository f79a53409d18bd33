import { pushAdapter, type PushAdapterOptions } from '../../server/messages/web-push';
import { createMessageWorker, type MessageWorker, type MessageWorkerOptions } from '../../server/messages/worker';

/** The one message worker with only the push channel, as a push test needs it (its adapter's options and the worker's together). */
export type PushWorkerOptions = PushAdapterOptions & Omit<MessageWorkerOptions, 'adapters'>;
export type PushWorker = MessageWorker;

export function createPushWorker(options: PushWorkerOptions): PushWorker {
	const { vapid, sender, timeoutMs, agent, endpointPolicy, resolve, ...worker } = options;
	return createMessageWorker({
		...worker,
		adapters: [
			pushAdapter({
				db: options.db,
				vapid,
				...(sender ? { sender } : {}),
				...(timeoutMs !== undefined ? { timeoutMs } : {}),
				...(agent ? { agent } : {}),
				...(endpointPolicy ? { endpointPolicy } : {}),
				...(resolve ? { resolve } : {})
			})
		]
	});
}
