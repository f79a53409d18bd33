import { EventEmitter } from 'node:events';

/* In-process wake-up for email workers, as server/push/wake.ts does for push. */
const wakeUps = new EventEmitter();
wakeUps.setMaxListeners(50);

export function wakeEmailWorker(transactionId?: string): void {
	wakeUps.emit('wake', transactionId);
}

export function onEmailWake(listener: (transactionId?: string) => void): () => void {
	wakeUps.on('wake', listener);
	return () => wakeUps.off('wake', listener);
}
