import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A stand-in for a browser's push service (FCM, Mozilla, Apple) on https://127.0.0.1, and a
 * stand-in for the browser itself: a real P-256 key pair and auth secret, and a decryption of
 * what arrives written from RFC 8291 / RFC 8188, so the tests check web-push's encryption
 * against the standard rather than against itself.
 *
 * Trusting the self-signed certificate:
 * - in-process (tests calling the push worker directly): pass `pushEndpoint.agent` (an
 *   https.Agent with the certificate as its CA) to createPushWorker({ agent });
 * - a spawned server process: start it with NODE_EXTRA_CA_CERTS=<pushEndpoint.certPath> (Node
 *   reads it once at start) and PUSH_ALLOW_INSECURE=1 so the endpoint policy lets
 *   https://127.0.0.1:PORT through.
 */

export interface ReceivedPush {
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** The status the stand-in answered with. */
	status: number;
}

export type PushResponse = number | { status: number; headers?: Record<string, string> };

export interface PushEndpoint {
	/** https://127.0.0.1:PORT (no trailing slash); subscriptions live under it. */
	url: string;
	certPath: string;
	/** An https.Agent that trusts the certificate (for web-push's `agent` option). */
	agent: Agent;
	received: ReceivedPush[];
	/** Resolves when `count` pushes have arrived (or rejects after timeoutMs). */
	waitFor(count: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export interface PushEndpointOptions {
	/** The answer to the n-th request (1-based). Default 201, as push services answer. */
	respond?: (n: number, path: string) => PushResponse;
}

/** One certificate per test process: EC key generation is quick but not free. */
let certificate: { dir: string; certPath: string; keyPath: string } | undefined;

export function selfSignedCertificate(): { dir: string; certPath: string; keyPath: string } {
	if (certificate) return certificate;
	const dir = mkdtempSync(join(tmpdir(), 'push-endpoint-'));
	const certPath = join(dir, 'cert.pem');
	const keyPath = join(dir, 'key.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'2',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-keyout',
			keyPath,
			'-out',
			certPath
		],
		{ stdio: 'ignore' }
	);
	certificate = { dir, certPath, keyPath };
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	return certificate;
}

export async function startPushEndpoint(options: PushEndpointOptions = {}): Promise<PushEndpoint> {
	const { certPath, keyPath } = selfSignedCertificate();
	const cert = readFileSync(certPath);
	const received: ReceivedPush[] = [];
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	let requests = 0;

	const server: Server = createServer({ cert, key: readFileSync(keyPath) }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests += 1;
			const answer = options.respond?.(requests, req.url ?? '') ?? 201;
			const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
			received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), status });
			res.writeHead(status, headers).end();
			for (const waiter of waiters.filter((w) => received.length >= w.count)) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const agent = new Agent({ ca: cert, keepAlive: false });

	return {
		url: `https://127.0.0.1:${port}`,
		certPath,
		agent,
		received,
		waitFor(count, timeoutMs = 10_000) {
			if (received.length >= count) return Promise.resolve();
			return new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`expected ${count} pushes, got ${received.length}`)), timeoutMs);
				waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export interface BrowserLikeSubscription {
	/** What PushSubscription.toJSON() gives, as a PWA posts it to /api/push/subscriptions. */
	subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
	/** Decrypts an aes128gcm push message body (RFC 8291 + RFC 8188) to its plaintext. */
	decrypt(body: Buffer): string;
}

/** A browser's side of a subscription: its own key pair and auth secret (RFC 8291 §2). */
export function createBrowserLikeSubscription(endpointUrl: string): BrowserLikeSubscription {
	const ecdh = createECDH('prime256v1');
	const uaPublic = ecdh.generateKeys(); // uncompressed point, 65 bytes
	const authSecret = randomBytes(16);

	return {
		subscription: {
			endpoint: endpointUrl,
			expirationTime: null,
			keys: { p256dh: uaPublic.toString('base64url'), auth: authSecret.toString('base64url') }
		},
		decrypt(body) {
			// RFC 8188 §2.1 header: salt (16) | rs (uint32) | idlen (1) | keyid (idlen).
			// RFC 8291 §4: keyid is the application server's ephemeral public key.
			const salt = body.subarray(0, 16);
			const recordSize = body.readUInt32BE(16);
			const idLength = body.readUInt8(20);
			const asPublic = body.subarray(21, 21 + idLength);
			const ciphertext = body.subarray(21 + idLength);
			if (idLength !== 65) throw new Error(`keyid should be a 65-byte P-256 point, got ${idLength}`);
			if (recordSize < 18) throw new Error(`record size ${recordSize} is too small`);

			// RFC 8291 §3.3-3.4: combine the shared secret with the auth secret into the IKM.
			const ecdhSecret = ecdh.computeSecret(asPublic);
			const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
			const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));

			// RFC 8188 §2.2-2.3: content-encryption key and nonce from the salt.
			const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
			const baseNonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

			const plaintexts: Buffer[] = [];
			for (let offset = 0, sequence = 0; offset < ciphertext.length; offset += recordSize, sequence++) {
				const record = ciphertext.subarray(offset, offset + recordSize);
				const isLast = offset + recordSize >= ciphertext.length;
				// The nonce is the base nonce XOR the record's sequence number (96-bit big-endian);
				// a push message has a handful of records, so only the low 32 bits ever change.
				const nonce = Buffer.from(baseNonce);
				nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
				const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
				decipher.setAuthTag(record.subarray(record.length - 16));
				const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
				// Padding: the data, then a delimiter (2 on the last record, 1 before), then zeros.
				let end = padded.length - 1;
				while (end >= 0 && padded[end] === 0) end--;
				const delimiter = padded[end];
				if (delimiter !== (isLast ? 2 : 1)) throw new Error(`bad padding delimiter ${delimiter}`);
				plaintexts.push(padded.subarray(0, end));
			}
			return Buffer.concat(plaintexts).toString('utf8');
		}
	};
}

export interface VapidClaims {
	aud: string;
	exp: number;
	sub: string;
	/** The `k=` public key the push service would check against the subscription's. */
	publicKey: string;
}

/**
 * Checks an `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292) as a push service does:
 * the ES256 signature must verify with the key in k. Returns the JWT's claims.
 */
export function verifyVapidAuthorization(header: string | undefined): VapidClaims {
	const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(header ?? '');
	if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
	const [, token = '', key = ''] = match;
	const [headerPart = '', claimsPart = '', signaturePart = ''] = token.split('.');
	const point = Buffer.from(key, 'base64url');
	const publicKey = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33, 65).toString('base64url')
		},
		format: 'jwk'
	});
	const valid = verifySignature(
		'sha256',
		Buffer.from(`${headerPart}.${claimsPart}`),
		{ key: publicKey, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signaturePart, 'base64url')
	);
	if (!valid) throw new Error('VAPID signature does not verify');
	const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as Omit<VapidClaims, 'publicKey'>;
	return { ...claims, publicKey: key };
}
