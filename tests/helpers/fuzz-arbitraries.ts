// fast-check generators for hostile input: values of the wrong type, huge and odd strings,
// prototype-pollution keys, SQL fragments, impossible dates; and mutations of a valid body that
// put one of those somewhere in it.
import fc from 'fast-check';

/** JSON as a test builds it: what JSON.parse can give. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SQL_FRAGMENTS = [
	"'; drop table visit_requests; --",
	"1' or '1'='1",
	'"; select pg_sleep(5); --',
	"Robert'); DELETE FROM staff_users;--",
	'$$; truncate prisons cascade; $$',
	'\\',
	"'"
];

const ODD_TEXT = [
	'\u0000',
	'Ada\u0000Lovelace',
	'\uD800',
	'\uDFFF\uD800',
	'\u202Eevil',
	'Ada\u202ELovelace',
	'\u2066Mary\u2069',
	'\u202Amark\u202C',
	'\u2067x\u2068y\u2069',
	'\u202B\u202D',
	'\uFEFF',
	'Z\u0351\u0352\u0353\u0354\u0355',
	'👨‍👩‍👧‍👦'.repeat(20),
	'\r\n\t',
	' ',
	'',
	'null',
	'undefined',
	'NaN',
	'<script>alert(1)</script>',
	'../../etc/passwd',
	'%00',
	'${jndi:ldap://x}'
];

const ODD_DATES = [
	'2026-02-30',
	'2025-02-29',
	'1900-02-29',
	'2026-13-01',
	'2026-00-10',
	'2026-04-31',
	'0000-01-01',
	'0001-01-01',
	'9999-12-31',
	'+002026-01-01',
	'2026-1-1',
	'2026-01-01T00:00:00Z',
	'20260101',
	'2026-01-01 ',
	'١٩٩٠-٠١-٠١'
];

const ODD_TIMES = ['24:00', '23:60', '9:00', '14:00:00', '-1:00', '14.00', '２:00', '99:99'];

const HUGE = ['x'.repeat(70 * 1024), 'é'.repeat(40 * 1024), 'A'.repeat(5_000)];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];

/**
 * Push endpoints that two URL parsers read differently (WHATWG URL against Node's legacy
 * url.parse, which web-push uses), or that spell a private address another way.
 */
export const URL_TRICKS = [
	"https://127.0.0.1'.example.com/x",
	'https://127.0.0.1;.example.com/x',
	'https://127.0.0.1{.fcm.googleapis.com/x',
	'https://127.0.0.1}.fcm.googleapis.com/x',
	'https://127.0.0.1".fcm.googleapis.com/x',
	'https://127.0.0.1`.fcm.googleapis.com/x',
	"https://169.254.169.254'.example.com/latest/meta-data",
	'https://fcm.googleapis.com\\@127.0.0.1/x',
	'https://fcm.googleapis.com%2f@127.0.0.1/x',
	'https://fcm.googleapis.com#@127.0.0.1/x',
	'https://fcm.googleapis.com:443@127.0.0.1/x',
	'https://127.0.0.1\tfcm.googleapis.com/x',
	'https://127.0.0.1%00.fcm.googleapis.com/x',
	'https://fcm.googleapis.com./x',
	'https://FCM.GOOGLEAPIS.COM/x',
	'https://fcm.googleapis.com:0443/x',
	'https://fcm.googleapis.com:5432/x',
	'https://[::7f00:1]/x',
	'https://[::ffff:7f00:1]/x',
	'https://[2002:7f00:1::]/x',
	'https://[64:ff9b:1::7f00:1]/x',
	'https://[64:ff9b::a9fe:a9fe]/x',
	'https://0x7f.1/x',
	'https://2130706433/x',
	'https://017700000001/x',
	'https://kubernetes.default.svc/x',
	'https://localtest.me/x',
	'https://127.0.0.1.nip.io/x',
	'HTTPS://fcm.googleapis.com/x',
	' https://fcm.googleapis.com/x',
	'https:/\\127.0.0.1/x',
	'https:127.0.0.1/x'
];

/** A push endpoint built to make parsers disagree: a trick above, or a public push host with an odd character spliced in. */
export const trickyEndpoint: fc.Arbitrary<string> = fc.oneof(
	{ weight: 2, arbitrary: fc.constantFrom(...URL_TRICKS) },
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.constantFrom('127.0.0.1', '10.0.0.1', '169.254.169.254', '[::1]', 'localhost', 'fcm.googleapis.com'),
				fc.constantFrom(
					"'",
					';',
					'{',
					'}',
					'"',
					'`',
					'\\',
					'|',
					'^',
					'<',
					'>',
					'@',
					'%',
					' ',
					'\u0000',
					'\u3002',
					'\uFF0E',
					',',
					'!',
					'$',
					'&',
					'(',
					')',
					'*',
					'+',
					'='
				),
				fc.constantFrom('.fcm.googleapis.com', '.updates.push.services.mozilla.com', '.example.com', '', '@fcm.googleapis.com'),
				fc.constantFrom('', ':443', ':8443', ':22'),
				fc.string({ maxLength: 12 })
			)
			.map(([host, odd, suffix, port, path]) => `https://${host}${odd}${suffix}${port}/${path}`)
	}
);

/** Strings that break naive code: SQL, control characters, lone surrogates, very long ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
	{ weight: 2, arbitrary: fc.constantFrom(...SQL_FRAGMENTS) },
	{ weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
	{ weight: 3, arbitrary: fc.constantFrom(...ODD_DATES) },
	{ weight: 1, arbitrary: fc.constantFrom(...ODD_TIMES) },
	{ weight: 1, arbitrary: fc.constantFrom(...HUGE) },
	{ weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) }
);

/** Any JSON value a hostile client could put where something else belongs. */
export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
	{ weight: 6, arbitrary: nastyString },
	{
		weight: 2,
		arbitrary: fc.oneof(
			fc.integer(),
			fc.constantFrom(0, -1, 1.5, -0, 2 ** 53, 1e308, -1e308, 4_294_967_296, 500, 501, 7),
			fc.double({ noNaN: true, noDefaultInfinity: true })
		)
	},
	{ weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [[[[[]]]]], { $gt: '' }) },
	{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }
);

/** A key to add to an object. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...PROTO_KEYS) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 1, arbitrary: fc.constantFrom('admin', 'status', 'reference', 'deviceId', 'isAdmin', 'role') }
);

export type Mutation =
	| { op: 'replace'; at: number; value: Json }
	| { op: 'delete'; at: number }
	| { op: 'add-key'; at: number; key: string; value: Json }
	| { op: 'wrap'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: nastyValue }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('add-key' as const), at: fc.nat(), key: nastyKey, value: nastyValue }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) }
);

type Container = Json[] | { [key: string]: Json };
interface Place {
	parent: Container | null;
	key: string | number;
}

function isContainer(value: Json): value is Container {
	return typeof value === 'object' && value !== null;
}

/** Every place in a JSON tree (the root too), so a mutation can pick one by number. */
function places(root: Json): Place[] {
	const found: Place[] = [{ parent: null, key: '' }];
	const walk = (value: Json) => {
		if (!isContainer(value)) return;
		for (const key of Object.keys(value)) {
			const child = Array.isArray(value) ? value[Number(key)]! : value[key]!;
			found.push({ parent: value, key: Array.isArray(value) ? Number(key) : key });
			walk(child);
		}
	};
	walk(root);
	return found;
}

/**
 * Defines an own, enumerable property even for `__proto__`, as JSON.parse does; plain assignment
 * would set the prototype instead and the key would never reach the server.
 */
function setOwn(target: Container, key: string | number, value: Json): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a deep copy of body; returns the new body. */
export function mutate(body: Json, mutations: readonly Mutation[]): Json {
	let root: Json = structuredClone(body);
	for (const m of mutations) {
		const all = places(root);
		const place = all[m.at % all.length]!;
		const current: Json = place.parent === null ? root : (place.parent as Record<string | number, Json>)[place.key]!;
		let next: Json | undefined;
		switch (m.op) {
			case 'replace':
				// A copy: fast-check may hand the same object to several mutations, which would make cycles.
				next = structuredClone(m.value);
				break;
			case 'delete':
				next = undefined;
				break;
			case 'wrap':
				next = [current];
				break;
			case 'add-key': {
				const target: Container = isContainer(current) && !Array.isArray(current) ? current : {};
				setOwn(target, m.key, structuredClone(m.value));
				next = target;
				break;
			}
		}
		if (place.parent === null) root = next ?? null;
		else if (next === undefined) {
			if (Array.isArray(place.parent)) place.parent.splice(Number(place.key), 1);
			else delete place.parent[place.key as string];
		} else setOwn(place.parent, place.key, next);
	}
	return root;
}

/** What goes in the body: a mutated seed mostly, sometimes anything at all, or not JSON. */
export type BodyPlan =
	{ kind: 'mutated'; mutations: Mutation[] } | { kind: 'json'; value: Json } | { kind: 'text'; text: string } | { kind: 'none' };

export const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
	{
		weight: 8,
		arbitrary: fc.record({ kind: fc.constant('mutated' as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: nastyValue }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('text' as const),
			text: fc.oneof(
				fc.string({ maxLength: 30 }),
				fc.constantFrom('{', '{"id":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"__proto__":{"admin":true}}')
			)
		})
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) }
);

export function bodyText(seed: Json, plan: BodyPlan): string | undefined {
	switch (plan.kind) {
		case 'mutated':
			return JSON.stringify(mutate(seed, plan.mutations));
		case 'json':
			return JSON.stringify(plan.value);
		case 'text':
			return plan.text;
		case 'none':
			return undefined;
	}
}

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
	{ weight: 8, arbitrary: fc.constant('application/json') },
	{
		weight: 2,
		arbitrary: fc.constantFrom<string | undefined>(
			undefined,
			'application/json; charset=utf-8',
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/json; charset=utf-16',
			'APPLICATION/JSON',
			'application/vnd.api+json'
		)
	}
);

/** A query string to hang on a path: usually none. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant('') },
	{
		weight: 2,
		arbitrary: fc
			.dictionary(fc.oneof(nastyKey, fc.constantFrom('prisonId', 'status', 'id', 'date')), nastyString, { maxKeys: 3 })
			.map((params) => `?${new URLSearchParams(params).toString()}`)
	},
	{ weight: 1, arbitrary: fc.constantFrom('?', '?&&&', '?a=%ZZ', '?__proto__[admin]=1', '?id=1%27%20or%201=1', `?q=${'x'.repeat(4000)}`) }
);
