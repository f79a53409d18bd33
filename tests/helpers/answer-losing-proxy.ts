// An HTTP proxy between a client and a server on loopback that can lose answers, one REQUEST at a
// time: it forwards each request to the server, waits until the server has answered in full (so
// the work is done and committed), and then, for the requests a test picks, cuts the client's
// connection instead of passing the answer on. It works per request, not per connection, because
// fetch keeps one connection alive for many requests: a proxy that chose on connect would let
// every request after the first through.
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface RequestSeen {
	method: string;
	path: string;
	/** The status the server answered with (whether or not the client heard it). */
	status?: number;
	/** True when the server answered but the client never heard it. */
	dropped: boolean;
}

export interface RequestMatch {
	method: string;
	/** The path (without the query), exactly or by pattern. */
	path: string | RegExp;
}

export interface AnswerLosingProxy {
	url: string;
	/** Every request that reached the proxy, in order. */
	readonly requests: readonly RequestSeen[];
	/** Answers the server gave that the client never received. */
	readonly drops: number;
	/** The next `count` requests that match lose their answer (others pass through meanwhile). */
	dropNextAnswers(match: RequestMatch, count: number): void;
	close(): Promise<void>;
}

// Headers about one hop, not the message: the proxy makes its own connection each way.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

const matches = (match: RequestMatch, method: string, path: string) =>
	match.method === method && (typeof match.path === 'string' ? match.path === path : match.path.test(path));

export async function startAnswerLosingProxy(target: { host: string; port: number }): Promise<AnswerLosingProxy> {
	const rules: { match: RequestMatch; left: number }[] = [];
	const requests: RequestSeen[] = [];
	const sockets = new Set<Socket>();

	/** Whether this request is one to lose, counting it off its rule. */
	function takeDrop(method: string, path: string): boolean {
		const rule = rules.find((r) => r.left > 0 && matches(r.match, method, path));
		if (!rule) return false;
		rule.left -= 1;
		return true;
	}

	const server: Server = createServer((req, res) => {
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
		const seen: RequestSeen = { method, path, dropped: false };
		requests.push(seen);
		const drop = takeDrop(method, path);

		const upstream = forward(
			{ host: target.host, port: target.port, method, path: req.url, headers: endToEnd(req.headers) },
			(answer: IncomingMessage) => {
				seen.status = answer.statusCode;
				if (drop) {
					// Read the whole answer first: when it has ended the server has finished the work.
					answer.resume();
					answer.once('end', () => {
						seen.dropped = true;
						req.socket.destroy();
					});
					return;
				}
				res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
				answer.pipe(res);
			}
		);
		upstream.on('error', () => req.socket.destroy());
		req.pipe(upstream);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		socket.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		get drops() {
			return requests.filter((r) => r.dropped).length;
		},
		dropNextAnswers(match, count) {
			rules.push({ match, left: count });
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
