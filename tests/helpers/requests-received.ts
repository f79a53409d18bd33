// What a test server was actually sent, counted where it arrives: Node's http server announces
// every request it starts on the 'http.server.request.start' diagnostics channel. The browser's own
// view (page.on('request')) misses what the service worker sends, and counting rows misses a
// second send the server refused or stored under another id; this sees every one.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface RequestReceived {
	method: string;
	/** The path, without the query. */
	path: string;
}

export interface RequestsReceived {
	readonly all: readonly RequestReceived[];
	/** How many of one method and path arrived. */
	count(method: string, path: string | RegExp): number;
	stop(): void;
}

const CHANNEL = 'http.server.request.start';

/** Starts recording the requests the server listening on `port` (this process) receives. */
export function recordRequestsReceived(port: number): RequestsReceived {
	const all: RequestReceived[] = [];
	const onRequest = (message: unknown) => {
		const { request, socket } = message as { request: IncomingMessage; socket: Socket };
		if (socket.localPort !== port) return;
		all.push({ method: request.method ?? 'GET', path: new URL(request.url ?? '/', 'http://server.invalid').pathname });
	};
	subscribe(CHANNEL, onRequest);
	return {
		all,
		count: (method, path) =>
			all.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))).length,
		stop: () => unsubscribe(CHANNEL, onRequest)
	};
}
