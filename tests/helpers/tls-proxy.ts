// A TLS-terminating reverse proxy on https://127.0.0.1:PORT, as nginx or a load balancer in front of
// the server: it answers https with a self-signed certificate and forwards each request to the server
// over plain http, adding X-Forwarded-Proto: https, X-Forwarded-Host (the Host the client used) and
// X-Forwarded-For. `request` is a client that trusts the certificate.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent, createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './push-endpoint';

export interface ProxyAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface TlsProxy {
	/** https://127.0.0.1:PORT */
	url: string;
	/** An https request through the proxy, trusting its certificate. */
	request(method: string, path: string, options?: { headers?: OutgoingHttpHeaders; body?: string }): Promise<ProxyAnswer>;
	close(): Promise<void>;
}

export async function startTlsProxy(target: { url: string }): Promise<TlsProxy> {
	const { certPath, keyPath } = selfSignedCertificate();
	const cert = readFileSync(certPath);
	const upstream = new URL(target.url);

	const server: Server = createServer({ cert, key: readFileSync(keyPath) }, (req, res) => {
		const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
		const forward = httpRequest(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: {
					...req.headers,
					host: upstream.host,
					'x-forwarded-proto': 'https',
					'x-forwarded-host': req.headers.host ?? '',
					'x-forwarded-for': forwardedFor
				}
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		forward.on('error', () => res.writeHead(502).end());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const agent = new Agent({ ca: cert, keepAlive: false });

	return {
		url: `https://127.0.0.1:${port}`,
		request: (method, path, options = {}) =>
			new Promise<ProxyAnswer>((resolve, reject) => {
				const outgoing = httpsRequest({ host: '127.0.0.1', port, method, path, agent, headers: options.headers ?? {} }, (answer) => {
					let body = '';
					answer.setEncoding('utf8');
					answer.on('data', (chunk: string) => (body += chunk));
					answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body }));
				});
				outgoing.on('error', reject);
				outgoing.end(options.body);
			}),
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
