// A browser as far as a sign-in's redirects need one: it follows Location headers one at a time,
// keeps each origin's cookies (name=value only: every cookie here is host-only), and trusts the test
// provider's certificate. Each hop is returned, so a test can stop at the provider's redirect back to
// the service and tamper with it, or send it twice.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';

export interface Hop {
	url: string;
	status: number;
	location: string | null;
	setCookies: string[];
	body: string;
	contentType: string | null;
}

export class RedirectBrowser {
	private readonly jars = new Map<string, Map<string, string>>();

	constructor(private readonly ca: Buffer) {}

	/** The cookie header this browser would send to the URL's origin. */
	cookieHeader(url: string): string {
		return [...(this.jars.get(new URL(url).origin) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	setCookie(url: string, cookie: string): void {
		const [pair] = cookie.split(';');
		const at = pair!.indexOf('=');
		const origin = new URL(url).origin;
		const jar = this.jars.get(origin) ?? new Map<string, string>();
		const name = pair!.slice(0, at).trim();
		const value = pair!.slice(at + 1).trim();
		// An expired cookie is how a server deletes it.
		if (value === '' || /max-age=0/i.test(cookie) || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
		else jar.set(name, value);
		this.jars.set(origin, jar);
	}

	/** One request, no redirect followed; cookies kept. */
	async get(url: string, headers: Record<string, string> = {}): Promise<Hop> {
		const target = new URL(url);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const cookie = this.cookieHeader(url);
		const hop = await new Promise<Hop>((resolve, reject) => {
			const req = send(
				target,
				{
					method: 'GET',
					headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
					...(target.protocol === 'https:' ? { ca: this.ca } : {})
				},
				(res) => {
					let body = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => (body += chunk));
					res.on('end', () => {
						const set = res.headers['set-cookie'] ?? [];
						resolve({
							url,
							status: res.statusCode ?? 0,
							location: res.headers.location ? new URL(res.headers.location, url).href : null,
							setCookies: set,
							body,
							contentType: res.headers['content-type'] ?? null
						});
					});
				}
			);
			req.on('error', reject);
			req.end();
		});
		for (const cookie of hop.setCookies) this.setCookie(url, cookie);
		return hop;
	}

	/**
	 * Follows redirects from `url` until one leads to a URL for which `stopAt` is true (returned without
	 * being requested), or to an answer that is not a redirect (returned as the last hop).
	 */
	async follow(
		url: string,
		stopAt: (next: URL) => boolean = () => false,
		headers: Record<string, string> = {}
	): Promise<{ hops: Hop[]; stoppedAt: string | null }> {
		const hops: Hop[] = [];
		let next = url;
		for (let i = 0; i < 20; i++) {
			const hop = await this.get(next, headers);
			hops.push(hop);
			if (!hop.location || hop.status < 300 || hop.status >= 400) return { hops, stoppedAt: null };
			if (stopAt(new URL(hop.location))) return { hops, stoppedAt: hop.location };
			next = hop.location;
		}
		throw new Error(`too many redirects from ${url}`);
	}
}
