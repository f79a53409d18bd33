// A TCP proxy that can be switched off and on, to take a database "away" from a server without
// touching the real database server that other tests share: off closes every connection through it
// and refuses new ones (as a stopped PostgreSQL does), on accepts them again on the same port.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SwitchableProxy {
	port: number;
	/** Cuts every open connection and refuses new ones until on(). */
	off(): Promise<void>;
	on(): Promise<void>;
	close(): Promise<void>;
}

export async function startSwitchableProxy(target: { host: string; port: number }): Promise<SwitchableProxy> {
	const sockets = new Set<Socket>();
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		socket.on('error', () => {});
	};
	const server: Server = createServer((client) => {
		const upstream = connect(target.port, target.host);
		track(client);
		track(upstream);
		client.pipe(upstream);
		upstream.pipe(client);
		client.once('close', () => upstream.destroy());
		upstream.once('close', () => client.destroy());
	});
	const listen = (port: number) =>
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
	await listen(0);
	const { port } = server.address() as { port: number };

	return {
		port,
		async off() {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			await closed;
		},
		on: () => listen(port),
		async close() {
			for (const socket of sockets) socket.destroy();
			if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
