// A real SMTP server for tests (smtp-server, from the nodemailer project): it accepts mail on a
// free port and keeps each message it received, parsed with mailparser. `failNext` makes the next
// messages get an SMTP error answer instead (451 temporary, 550 permanent), as real servers do.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	to: string[];
	from: string;
	parsed: ParsedMail;
}

export interface TestSmtpServer {
	/** smtp://127.0.0.1:port */
	url: string;
	received: ReceivedMail[];
	/** Answers the next `count` messages' DATA with `code` (e.g. 451 or 550). */
	failNext(count: number, code: number): void;
	/** Messages refused so far (each refusal, not each job). */
	refused(): number;
	/** Waits until at least `count` messages have arrived. */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
	const received: ReceivedMail[] = [];
	let failures: { count: number; code: number } = { count: 0, code: 0 };
	let refusedCount = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				if (failures.count > 0) {
					failures.count -= 1;
					refusedCount += 1;
					const error = Object.assign(new Error(failures.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
						responseCode: failures.code
					});
					callback(error);
					return;
				}
				simpleParser(Buffer.concat(chunks))
					.then((parsed) => {
						received.push({
							to: session.envelope.rcptTo.map((r) => r.address),
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							parsed
						});
						callback();
					})
					.catch((error: Error) => callback(error));
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		failNext(count, code) {
			failures = { count, code };
		},
		refused: () => refusedCount,
		async waitFor(count, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${received.length}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return received;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
