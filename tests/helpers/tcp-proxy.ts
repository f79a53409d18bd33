// A TCP proxy between a client and a server on loopback, that can lose answers: it forwards what
// the client sends, and for the connections a test picks, cuts both sides as soon as the server
// starts answering, so the request is processed but the client never hears back.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
	url: string;
	/** Requests (connections) seen so far. */
	readonly connections: number;
	/** The next `count` connections lose their answer. */
	dropNextResponses(count: number): void;
	close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
	let toDrop = 0;
	let connections = 0;
	const sockets = new Set<Socket>();

	const server: Server = createServer((client) => {
		connections += 1;
		const dropThis = toDrop > 0;
		if (dropThis) toDrop -= 1;
		const upstream = connect(target.port, target.host);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
			socket.on('error', () => {});
		}
		client.pipe(upstream);
		upstream.on('data', (chunk: Buffer) => {
			if (dropThis) {
				// The server has done the work and is answering: the answer is lost on the way.
				client.destroy();
				upstream.destroy();
				return;
			}
			client.write(chunk);
		});
		upstream.once('end', () => client.end());
		client.once('close', () => upstream.destroy());
		upstream.once('close', () => client.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };

	return {
		url: `http://127.0.0.1:${port}`,
		get connections() {
			return connections;
		},
		dropNextResponses(count) {
			toDrop += count;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
