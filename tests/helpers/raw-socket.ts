// A raw TCP connection to a server, for requests no HTTP client would send: bodies that never end,
// bodies sent a byte at a time, headers that never finish.
import { connect, type Socket } from 'node:net';

export interface RawConnection {
	socket: Socket;
	/** Everything the server sent so far. */
	received(): string;
	/** Bytes this side has written. */
	readonly written: number;
	/** Resolves when the server has sent something matching, rejects after timeoutMs. */
	waitForResponse(pattern: RegExp, timeoutMs: number): Promise<string>;
	/** Resolves with how it ended when the connection closes; rejects after timeoutMs. */
	closed(timeoutMs: number): Promise<'closed'>;
	/** Writes, waiting for the socket to take it (backpressure); false once the socket is gone. */
	write(data: string | Buffer): Promise<boolean>;
	destroy(): void;
}

export async function openRaw(port: number): Promise<RawConnection> {
	const socket = connect(port, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	socket.setNoDelay(true);
	let text = '';
	let written = 0;
	let isClosed = false;
	socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
	socket.on('error', () => {});
	const closedPromise = new Promise<'closed'>((resolve) =>
		socket.once('close', () => {
			isClosed = true;
			resolve('closed');
		})
	);

	const within = <T>(promise: Promise<T>, timeoutMs: number, what: string) =>
		new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms; received: ${text.slice(0, 200)}`)), timeoutMs);
			promise.then(
				(value) => (clearTimeout(timer), resolve(value)),
				(error: unknown) => (clearTimeout(timer), reject(error))
			);
		});

	return {
		socket,
		received: () => text,
		get written() {
			return written;
		},
		waitForResponse(pattern, timeoutMs) {
			const seen = new Promise<string>((resolve) => {
				const check = () => {
					if (pattern.test(text)) {
						socket.off('data', check);
						resolve(text);
					}
				};
				socket.on('data', check);
				check();
			});
			return within(seen, timeoutMs, `no answer matching ${pattern}`);
		},
		closed: (timeoutMs) => within(closedPromise, timeoutMs, 'the server did not close the connection'),
		write(data) {
			if (isClosed || socket.destroyed) return Promise.resolve(false);
			const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
			return new Promise<boolean>((resolve) => {
				const done = (ok: boolean) => {
					socket.off('drain', onDrain);
					socket.off('close', onClose);
					resolve(ok);
				};
				const onDrain = () => done(true);
				const onClose = () => done(false);
				socket.once('close', onClose);
				const flushed = socket.write(data, (error) => {
					if (error) return done(false);
					written += size;
					if (flushed) done(true);
				});
				if (!flushed) socket.once('drain', onDrain);
			});
		},
		destroy: () => socket.destroy()
	};
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
