/*
 * A server-sent events client for API tests: a real HTTP stream read as it arrives, so a test can
 * wait for the event it expects (with a timeout that says what it was waiting for).
 */

export interface ReceivedEvent {
	event: string;
	data: string;
}

export interface EventStream {
	status: number;
	/** Every event so far, in order. */
	received: ReceivedEvent[];
	/** The first event (already received or still to come) that matches. */
	next(matches: (event: ReceivedEvent) => boolean, what: string, timeoutMs?: number): Promise<ReceivedEvent>;
	/** Resolves when the server ends the stream. */
	ended: Promise<void>;
	close(): void;
}

export async function openEventStream(url: string, options: { cookie?: string; bearer?: string } = {}): Promise<EventStream> {
	const abort = new AbortController();
	const headers: Record<string, string> = { Accept: 'text/event-stream' };
	if (options.cookie) headers.Cookie = options.cookie;
	if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
	const response = await fetch(url, { headers, signal: abort.signal });
	const received: ReceivedEvent[] = [];
	const waiters = new Set<() => void>();
	const arrived = () => waiters.forEach((wake) => wake());

	const read = async () => {
		if (!response.ok || !response.body) {
			await response.body?.cancel();
			return;
		}
		const decoder = new TextDecoder();
		let buffer = '';
		const reader = response.body.getReader();
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			buffer += decoder.decode(chunk.value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const lines = block.split('\n');
				const event = lines
					.find((line) => line.startsWith('event:'))
					?.slice(6)
					.trim();
				const data = lines
					.filter((line) => line.startsWith('data:'))
					.map((line) => line.slice(5).trimStart())
					.join('\n');
				// Comment-only blocks are keep-alives.
				if (event || data) received.push({ event: event ?? 'message', data });
			}
			arrived();
		}
	};
	const ended = read().catch(() => undefined);
	void ended.then(arrived);
	let finished = false;
	void ended.then(() => (finished = true));

	return {
		status: response.status,
		received,
		ended,
		next(matches, what, timeoutMs = 15_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = received.find(matches);
					if (found || finished) {
						waiters.delete(check);
						clearTimeout(timer);
						if (found) resolve(found);
						else reject(new Error(`The stream ended before ${what}; received ${JSON.stringify(received)}`));
					}
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`No ${what} within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		close: () => abort.abort()
	};
}

/** The parsed data of an event. */
export function dataOf(event: ReceivedEvent): { prisonId?: string; requestId?: string; prisonIds?: string[] } {
	return JSON.parse(event.data) as { prisonId?: string; requestId?: string; prisonIds?: string[] };
}
