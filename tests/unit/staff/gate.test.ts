// The gate's decisions on the tablet, with no server: a pass is accepted only when this prison's
// key signed it, for today, for a visit still booked; a typed reference finds the visit; this
// tablet's own arrivals count until the server's list has them; "not attended" after the slot.
import { describe, expect, it } from 'vitest';
import { arrivalOf, attendanceNow, checkScannedPass, checkTypedReference } from '../../../src/lib/client/staff/gate';
import { normaliseReference } from '../../../src/lib/shared/rules/reference';
import type { LocalArrival } from '../../../src/lib/client/staff/arrival';
import { arriveBy, clockTime } from '../../../src/lib/shared/gate/attendance';
import { PASS_KEY_ALGORITHM, signPass, type PassClaims, type PassPublicKey } from '../../../src/lib/shared/gate/pass';
import type { AttendedVisit, GateDayList } from '../../../src/lib/shared/gate/answers';
import { t } from '../../../src/lib/shared/i18n';
import { instantOf } from '../../../src/lib/shared/rules/dates';

const subtle = globalThis.crypto.subtle;
const PRISON = '11111111-1111-4111-8111-111111111111';
const DATE = '2026-12-05';
const TZ = 'Europe/London';

async function keyPair() {
	const pair = (await subtle.generateKey(PASS_KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
	const jwk = await subtle.exportKey('jwk', pair.publicKey);
	return { privateKey: pair.privateKey, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } as PassPublicKey };
}

function visit(id: string, reference: string, start = '14:00'): AttendedVisit {
	return {
		id,
		reference,
		prisonId: PRISON,
		status: 'booked',
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
		visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03' }],
		slots: [{ date: DATE, start }],
		additionalSupport: null,
		bookedSlot: { date: DATE, start, end: '16:00' },
		excludedVisitors: [],
		rejectionReasons: [],
		cancellationReason: null,
		message: null,
		createdAt: '2026-11-01T10:00:00.000Z',
		updatedAt: '2026-11-01T10:00:00.000Z',
		decidedAt: null,
		arrival: null,
		attendance: 'expected',
		flags: [],
		override: null
	};
}

const booked = visit('22222222-2222-4222-8222-222222222222', 'K7PQ-XHDW');
const claims: PassClaims = { requestId: booked.id, reference: booked.reference, prisonId: PRISON, date: DATE, start: '14:00' };

function list(passKey: PassPublicKey): GateDayList {
	return {
		prisonId: PRISON,
		date: DATE,
		timeZone: TZ,
		passKey,
		generatedAt: '2026-12-05T12:00:00.000Z',
		cancelled: [{ id: '33333333-3333-4333-8333-333333333333', reference: 'CCCC-DDDD', start: '14:00' }],
		slots: [{ start: '14:00', end: '16:00', capacity: 20, visits: [booked], attendance: { arrived: 0, expected: 1, notAttended: 0 } }]
	};
}

describe('checking a scanned pass offline', () => {
	it('accepts the prison’s own pass for today and refuses everything else, each with its own words', async () => {
		const prison = await keyPair();
		const forger = await keyPair();
		const day = list(prison.publicKey);
		const context = { list: day, prisonId: PRISON, today: DATE };

		const good = await checkScannedPass(await signPass(claims, prison.privateKey), context);
		expect(good).toMatchObject({ ok: true, how: 'signed', visit: { id: booked.id } });

		const refusals = await Promise.all([
			checkScannedPass('https://example.com/not-a-pass', context),
			checkScannedPass(await signPass(claims, forger.privateKey), context),
			checkScannedPass(await signPass({ ...claims, prisonId: '44444444-4444-4444-8444-444444444444' }, prison.privateKey), context),
			checkScannedPass(await signPass({ ...claims, date: '2026-12-12' }, prison.privateKey), context),
			checkScannedPass(await signPass({ ...claims, requestId: day.cancelled[0]!.id, reference: 'CCCC-DDDD' }, prison.privateKey), context),
			checkScannedPass(
				await signPass({ ...claims, requestId: '55555555-5555-4555-8555-555555555555', reference: 'EEEE-FFFF' }, prison.privateKey),
				context
			),
			// Rebooked into another time: the old pass names a visit the list has at a different start.
			checkScannedPass(await signPass({ ...claims, start: '09:30' }, prison.privateKey), context)
		]);
		expect(refusals.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([
			'garbage',
			'signature',
			'other_prison',
			'other_day',
			'cancelled',
			'not_listed',
			'not_listed'
		]);
		expect(refusals.map((r) => (r.ok ? '' : r.message))).toEqual([
			t('gate.refused.garbage'),
			t('gate.refused.signature'),
			t('gate.refused.otherPrison'),
			t('gate.refused.otherDay', { date: 'Saturday 12 December 2026' }),
			t('gate.refused.cancelled', { reference: 'CCCC-DDDD' }),
			t('gate.refused.notListed', { reference: 'EEEE-FFFF' }),
			t('gate.refused.notListed', { reference: 'K7PQ-XHDW' })
		]);
	});
});

describe('typing a reference', () => {
	it('finds the visit however it is typed, and names a cancelled or unknown one', async () => {
		const day = list((await keyPair()).publicKey);
		for (const typed of ['K7PQ-XHDW', 'k7pq xhdw', ' K7PQXHDW ']) {
			expect(checkTypedReference(typed, day)).toMatchObject({ ok: true, how: 'typed', visit: { id: booked.id } });
		}
		expect(normaliseReference('cccc dddd')).toBe('CCCC-DDDD');
		expect(checkTypedReference('cccc-dddd', day)).toMatchObject({ ok: false, reason: 'cancelled' });
		expect(checkTypedReference('AAAA-AAAA', day)).toMatchObject({ ok: false, reason: 'not_listed' });
	});
});

describe('attendance on the tablet', () => {
	it('counts this tablet’s arrival until the list has it, and not attended once the slot ends', async () => {
		const day = list((await keyPair()).publicKey);
		const mine: LocalArrival = {
			arrivedAt: instantOf(DATE, '13:52', TZ).toISOString(),
			visitors: [0],
			recordedBy: null,
			outcome: 'attended',
			note: null,
			state: 'waiting',
			itemId: 1
		};
		const local = new Map([[booked.id, mine]]);
		expect(arrivalOf(booked, local)).toMatchObject({ waiting: true, visitors: [0] });
		expect(arrivalOf(booked, new Map([[booked.id, { ...mine, state: 'refused' as const }]]))).toBeNull();

		const during = attendanceNow(day, new Map(), instantOf(DATE, '15:59', TZ));
		const after = attendanceNow(day, new Map(), instantOf(DATE, '16:00', TZ));
		const arrived = attendanceNow(day, local, instantOf(DATE, '16:30', TZ));
		expect([during, after, arrived].map((a) => a.slots[0]!.counts)).toEqual([
			{ arrived: 0, expected: 1, notAttended: 0 },
			{ arrived: 0, expected: 0, notAttended: 1 },
			{ arrived: 1, expected: 0, notAttended: 0 }
		]);
	});

	it('tells arrive-by and clock times in the prison’s time zone', () => {
		expect([arriveBy('14:00'), arriveBy('09:15'), arriveBy('00:10')]).toEqual(['13:30', '08:45', '00:00']);
		// 13:52 in London is 13:52 UTC in winter and 12:52 UTC in summer.
		expect(clockTime('2026-12-05T13:52:00Z', TZ, 'en')).toBe('1:52pm');
		expect(clockTime('2026-07-04T12:52:00Z', TZ, 'en')).toBe('1:52pm');
		// Written as every other time in the service is, in the reader's language.
		expect(clockTime('2026-12-05T11:25:00Z', TZ, 'cy')).toBe('11:25yb');
	});
});
